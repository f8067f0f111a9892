import { useEffect, useRef, useState } from 'preact/hooks';
import { onLiveEvent } from '../api/live.js';
import type { EventType } from '../api/types.js';

export interface Loaded<T> {
  readonly data: T | undefined;
  readonly error: Error | null;
  readonly loading: boolean;
  readonly reload: () => void;
}

/**
 * Loads with `load()` when `deps` change and again after live events of one of `liveTypes` (for `model` when given),
 * at most once per `throttleMs`; keeps the previous data while reloading so live updates do not flicker.
 */
export function useLoad<T>(
  load: () => Promise<T>,
  deps: readonly unknown[],
  liveTypes: readonly EventType[] = [],
  model?: string,
  throttleMs = 250,
): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; error: Error | null; loading: boolean }>({
    data: undefined,
    error: null,
    loading: true,
  });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    let cancelled = false;
    setState((s) => ({ ...s, loading: true }));
    loadRef.current().then(
      (data) => !cancelled && setState({ data, error: null, loading: false }),
      (error: Error) => !cancelled && setState((s) => ({ data: s.data, error, loading: false })),
    );
    return () => {
      cancelled = true;
    };
  }, [...deps, tick]);

  useEffect(() => {
    if (liveTypes.length === 0) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = onLiveEvent((event) => {
      if (!liveTypes.includes(event.type) || (model !== undefined && event.model !== model)) return;
      if (timer === null) timer = setTimeout(() => ((timer = null), setTick((t) => t + 1)), throttleMs);
    });
    return () => {
      off();
      if (timer !== null) clearTimeout(timer);
    };
  }, [liveTypes.join(','), model, throttleMs]);

  return { ...state, reload: () => setTick((t) => t + 1) };
}

/** The hash route split into segments: `#/models/credit/features/income` → ['models', 'credit', 'features', 'income']. */
export function useRoute(): string[] {
  const read = () =>
    location.hash
      .replace(/^#\/?/, '')
      .split('?')[0]
      .split('/')
      .filter((s) => s !== '')
      .map(decodeURIComponent);
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const on = () => setRoute(read());
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}

export const href = (...segments: string[]) => `#/${segments.map(encodeURIComponent).join('/')}`;
