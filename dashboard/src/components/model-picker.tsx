import type { ComponentChildren } from 'preact';
import { api } from '../api/queries.js';
import { href, useLoad } from '../lib/hooks.js';
import { Empty, Loading } from './ui.js';

/** A page about one model at a time (retraining, registry): its title, a model selector in the URL, then the body. */
export function ModelScopedPage({
  title,
  page,
  model,
  children,
}: {
  title: string;
  page: string;
  model: string | null;
  children: (name: string) => ComponentChildren;
}) {
  return (
    <div>
      <header class="page-head">
        <h1>{title}</h1>
      </header>
      <WithModel page={page} model={model}>
        {children}
      </WithModel>
    </div>
  );
}

function WithModel({
  page,
  model,
  children,
}: {
  page: string;
  model: string | null;
  children: (name: string) => ComponentChildren;
}) {
  const models = useLoad(api.models, [], ['model']);
  if (models.data === undefined) return <Loading error={models.error} what="models" />;
  if (models.data.length === 0) return <Empty>No monitored model yet.</Empty>;
  const names = models.data.map((m) => m.definition.name);
  const name = model !== null && names.includes(model) ? model : names[0];
  return (
    <>
      {names.length > 1 && (
        <label class="picker">
          Model{' '}
          <select
            name="model"
            value={name}
            onChange={(e) => (location.hash = href(page, (e.target as HTMLSelectElement).value))}
          >
            {names.map((n) => (
              <option value={n}>{n}</option>
            ))}
          </select>
        </label>
      )}
      {children(name)}
    </>
  );
}
