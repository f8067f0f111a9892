import { TrackingError } from '../../../ports/tracking-error.js';
import type { Run } from '../../../ports/tracking-store.js';

type Comparator = '=' | '!=' | '>' | '<' | '>=' | '<=';

interface Clause {
  readonly entity: 'attributes' | 'tags' | 'params' | 'metrics';
  readonly key: string;
  readonly comparator: Comparator;
  readonly value: string | number;
}

const CLAUSE =
  /^\s*(attributes?|tags?|params?|metrics?)\.(?:`([^`]+)`|"([^"]+)"|([\w.\-/:]+))\s*(!=|>=|<=|=|>|<)\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?))\s*$/i;

/**
 * Parses the subset of MLflow's run search syntax the local adapter supports: clauses
 * `<attributes|tags|params|metrics>.<key> <op> <value>` joined by `and`, ops = != > < >= <=; metrics compare as
 * numbers, the rest as strings. Throws TrackingError(kind 'invalid') for anything else.
 */
export function parseRunFilter(filter: string): (run: Run) => boolean {
  const clauses: Clause[] = filter
    .split(/\s+and\s+/i)
    .filter((part) => part.trim() !== '')
    .map((part) => {
      const m = CLAUSE.exec(part);
      if (!m) {
        throw new TrackingError(
          `searchRuns: filter clause ${JSON.stringify(part.trim())} is not "<entity>.<key> <op> <value>"`,
          { kind: 'invalid', operation: 'searchRuns' },
        );
      }
      const entity = m[1].toLowerCase().replace(/s?$/, 's') as Clause['entity'];
      const key = m[2] ?? m[3] ?? m[4];
      const raw = m[6] ?? m[7];
      const value = raw !== undefined ? raw.replace(/\\(.)/g, '$1') : Number(m[8]);
      return { entity, key, comparator: m[5] as Comparator, value };
    });
  return (run) => clauses.every((clause) => matches(run, clause));
}

function attribute(run: Run, key: string): string | number | undefined {
  switch (key) {
    case 'status':
      return run.info.status;
    case 'run_name':
      return run.info.runName;
    case 'run_id':
      return run.info.runId;
    case 'start_time':
      return run.info.startTimeMs;
    case 'end_time':
      return run.info.endTimeMs ?? undefined;
    default:
      throw new TrackingError(
        `searchRuns: unknown attribute "${key}" (status, run_name, run_id, start_time, end_time)`,
        { kind: 'invalid', operation: 'searchRuns' },
      );
  }
}

function matches(run: Run, clause: Clause): boolean {
  const actual =
    clause.entity === 'attributes'
      ? attribute(run, clause.key)
      : clause.entity === 'tags'
        ? run.tags[clause.key]
        : clause.entity === 'params'
          ? run.params[clause.key]
          : run.metrics[clause.key];
  if (actual === undefined) return false;
  const numeric = typeof actual === 'number' || typeof clause.value === 'number';
  const left = numeric ? Number(actual) : actual;
  const right = numeric ? Number(clause.value) : clause.value;
  switch (clause.comparator) {
    case '=':
      return left === right;
    case '!=':
      return left !== right;
    case '>':
      return left > right;
    case '<':
      return left < right;
    case '>=':
      return left >= right;
    case '<=':
      return left <= right;
  }
}
