import { useState } from 'preact/hooks';
import { api } from '../api/queries.js';
import { DataTable, Empty, Loading, Panel } from '../components/ui.js';
import { cell, num, time } from '../lib/format.js';
import { useLoad } from '../lib/hooks.js';

const PAGE = 25;

interface Filters {
  from: string;
  to: string;
  cls: string;
  labeled: '' | 'true' | 'false';
}

const ms = (local: string) => (local === '' ? undefined : new Date(local).getTime());

/** The prediction log, newest first: filters on time, predicted class and labelled / not; a row opens its features. */
export function PredictionLogPanel({ name }: { name: string }) {
  const [filters, setFilters] = useState<Filters>({ from: '', to: '', cls: '', labeled: '' });
  const [draft, setDraft] = useState<Filters>(filters);
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const [open, setOpen] = useState<string | null>(null);
  const before = cursors.at(-1);
  const page = useLoad(
    () =>
      api.predictions(name, {
        limit: PAGE,
        before,
        fromMs: ms(filters.from),
        toMs: ms(filters.to),
        class: filters.cls.trim() || undefined,
        labeled: filters.labeled || undefined,
      }),
    [name, before, JSON.stringify(filters)],
    cursors.length === 1 ? ['predictions_logged', 'model'] : [],
    name,
    2000,
  );
  const input = (key: keyof Filters) => (e: Event) =>
    setDraft({ ...draft, [key]: (e.target as HTMLInputElement).value });
  const featureNames = [...new Set(page.data?.items.flatMap((p) => Object.keys(p.features)) ?? [])].slice(0, 4);
  return (
    <Panel title="Prediction log" id="predictions">
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters(draft);
          setCursors([undefined]);
        }}
      >
        <label>
          From <input type="datetime-local" step="1" name="from" value={draft.from} onInput={input('from')} />
        </label>
        <label>
          To <input type="datetime-local" step="1" name="to" value={draft.to} onInput={input('to')} />
        </label>
        <label>
          Class <input name="class" placeholder="any" size={8} value={draft.cls} onInput={input('cls')} />
        </label>
        <label>
          Labelled
          <select name="labeled" value={draft.labeled} onChange={input('labeled')}>
            <option value="">any</option>
            <option value="true">labelled</option>
            <option value="false">not labelled</option>
          </select>
        </label>
        <button type="submit">Apply</button>
      </form>
      {page.data === undefined ? (
        <Loading error={page.error} what="predictions" />
      ) : page.data.items.length === 0 ? (
        <Empty>No prediction matches these filters.</Empty>
      ) : (
        <>
          <p class="muted">
            {page.data.counts.total.toLocaleString('en-US')} predictions logged,{' '}
            {page.data.counts.labeled.toLocaleString('en-US')} labelled. Click a row for all its features.
          </p>
          <DataTable
            label="prediction log"
            columns={['Time', 'Id', 'Version', 'Prediction', 'Score', 'Label', ...featureNames]}
          >
            {page.data.items.map((p) => (
              <>
                <tr
                  class="clickable"
                  onClick={() => setOpen(open === p.id ? null : p.id)}
                  aria-expanded={open === p.id}
                >
                  <td>{time(p.timestamp)}</td>
                  <td class="mono" title={p.id}>
                    {/* time-ordered ids (UUIDv7) share their prefix: the tail tells rows apart */}
                    {p.id.length > 12 ? `…${p.id.slice(-8)}` : p.id}
                  </td>
                  <td>{p.modelVersion ?? '—'}</td>
                  <td>{cell(p.prediction)}</td>
                  <td>{num(p.score)}</td>
                  <td>{p.label === null ? <span class="muted">pending</span> : cell(p.label)}</td>
                  {featureNames.map((f) => (
                    <td>{cell(p.features[f])}</td>
                  ))}
                </tr>
                {open === p.id && (
                  <tr class="row-detail">
                    <td colSpan={6 + featureNames.length}>
                      <dl class="kv">
                        <dt>id</dt>
                        <dd class="mono">{p.id}</dd>
                        {Object.entries(p.features).map(([k, v]) => (
                          <>
                            <dt>{k}</dt>
                            <dd>{cell(v)}</dd>
                          </>
                        ))}
                        {p.labelTimestamp !== null && (
                          <>
                            <dt>labelled at</dt>
                            <dd>{time(p.labelTimestamp)}</dd>
                          </>
                        )}
                      </dl>
                    </td>
                  </tr>
                )}
              </>
            ))}
          </DataTable>
          <div class="pager">
            <button type="button" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
              ← Newer
            </button>
            <span class="muted">page {cursors.length}</span>
            <button
              type="button"
              disabled={page.data.nextBefore === null}
              onClick={() => setCursors([...cursors, page.data!.nextBefore ?? undefined])}
            >
              Older →
            </button>
          </div>
        </>
      )}
    </Panel>
  );
}
