import { useEffect, useState } from 'preact/hooks';
import { onUnauthorized } from './api/client.js';
import { connectLive, type LiveStatus, onLiveEvent, onLiveStatus } from './api/live.js';
import type { LiveEvent } from './api/types.js';
import { KeyPrompt } from './components/dialogs.js';
import { href, useRoute } from './lib/hooks.js';
import { keys } from './lib/keys.js';
import { AlertsPage } from './pages/alerts.js';
import { ModelPage } from './pages/model.js';
import { OverviewPage } from './pages/overview.js';
import { RegistryPage } from './pages/registry.js';
import { RetrainingPage } from './pages/retraining.js';

const NAV = [
  ['', 'Overview'],
  ['alerts', 'Alerts'],
  ['retraining', 'Retraining'],
  ['registry', 'Registry'],
] as const;

function describe(event: LiveEvent): string {
  switch (event.type) {
    case 'drift_report':
      return `${event.model}: drift report #${event.data.id} (${event.data.severity})`;
    case 'alert':
      return `${event.model}: alert ${event.data.event} ${'kind' in event.data ? event.data.kind : ''}`.trim();
    case 'retraining':
      return `${event.model}: retraining ${event.data.job.status}`;
    case 'model':
      return `${event.model}: ${event.data.event}`;
    case 'predictions_logged':
      return `${event.model}: ${event.type}`;
  }
}

function LiveIndicator() {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [last, setLast] = useState<string | null>(null);
  useEffect(() => onLiveStatus(setStatus), []);
  useEffect(() => onLiveEvent((e) => e.type !== 'predictions_logged' && setLast(describe(e))), []);
  const word = {
    live: '● live',
    connecting: '○ connecting',
    'key-needed': '🔒 waiting for an API key',
    offline: '✖ offline, retrying',
  }[status];
  return (
    <div class={`live live-${status}`} role="status" aria-live="polite" title={last ?? 'no event yet'}>
      {word}
      {last !== null && <span class="live-last"> · {last}</span>}
    </div>
  );
}

export function App() {
  const route = useRoute();
  /** Why a key is needed: null while the API accepts the requests. */
  const [needKey, setNeedKey] = useState<{ refused: string | null } | null>(null);
  const [session, setSession] = useState(0);
  useEffect(
    () => onUnauthorized((refusal) => setNeedKey({ refused: keys.read() === null ? null : refusal.message })),
    [],
  );
  useEffect(() => connectLive(), [session]);
  const [page, a, b, c] = route;
  let body;
  if (page === 'models' && a !== undefined)
    body = <ModelPage name={a} tab={b ?? 'drift'} feature={b === 'features' ? (c ?? null) : null} key={`${a}`} />;
  else if (page === 'alerts') body = <AlertsPage focus={a ?? null} />;
  else if (page === 'retraining') body = <RetrainingPage model={a ?? null} />;
  else if (page === 'registry') body = <RegistryPage model={a ?? null} />;
  else body = <OverviewPage />;
  return (
    <div class="shell" key={session}>
      <header class="topbar">
        <a class="brand" href="#/">
          driftguard
        </a>
        <nav aria-label="pages">
          {NAV.map(([id, label]) => (
            <a
              href={id === '' ? '#/' : href(id)}
              aria-current={(page ?? '') === id || (id === '' && page === 'models') ? 'page' : undefined}
            >
              {label}
            </a>
          ))}
        </nav>
        <LiveIndicator />
        {keys.read() !== null && (
          <button
            type="button"
            class="link"
            onClick={() => {
              keys.setRead(null);
              keys.setAdmin(null);
              setSession((s) => s + 1);
            }}
          >
            Forget key
          </button>
        )}
      </header>
      <main>{body}</main>
      {needKey !== null && (
        <KeyPrompt
          refused={needKey.refused}
          onDone={() => {
            setNeedKey(null);
            setSession((s) => s + 1);
          }}
        />
      )}
    </div>
  );
}
