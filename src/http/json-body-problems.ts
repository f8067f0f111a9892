import { pointerSegment, unstorableTextReason } from '../domain/storable-text.js';
import type { ErrorDetail } from '../services/service-errors.js';

/** Deepest nesting of arrays and objects a JSON body may have (the deepest route body, a model definition, has 5). */
export const MAX_JSON_DEPTH = 64;

export interface JsonBodyProblem extends ErrorDetail {
  readonly kind: 'depth' | 'number' | 'text';
}

/**
 * The first thing in a parsed JSON body that no route can take, or null: nesting deeper than MAX_JSON_DEPTH, a number
 * that overflowed a double (`1e999` parses to Infinity), or a string / key that no store can hold (U+0000, a lone
 * surrogate). One iterative walk, so any depth is looked at without growing the call stack.
 */
export function findJsonBodyProblem(value: unknown): JsonBodyProblem | null {
  const stack: [unknown, string, number][] = [[value, '', 0]];
  while (stack.length > 0) {
    const [current, path, depth] = stack.pop()!;
    if (typeof current === 'number') {
      if (!Number.isFinite(current))
        return { kind: 'number', path, reason: 'must be a finite number (it overflows a double)' };
    } else if (typeof current === 'string') {
      const reason = unstorableTextReason(current);
      if (reason !== null) return { kind: 'text', path, reason };
    } else if (current !== null && typeof current === 'object') {
      if (depth >= MAX_JSON_DEPTH)
        return { kind: 'depth', path, reason: `nested deeper than ${MAX_JSON_DEPTH} levels of arrays and objects` };
      if (Array.isArray(current)) {
        for (let i = current.length - 1; i >= 0; i--) stack.push([current[i], `${path}/${i}`, depth + 1]);
      } else {
        const entries = Object.entries(current);
        for (let i = entries.length - 1; i >= 0; i--) {
          const [key, child] = entries[i];
          const childPath = `${path}/${pointerSegment(key)}`;
          const reason = unstorableTextReason(key);
          if (reason !== null) return { kind: 'text', path: childPath, reason: `the key ${reason}` };
          stack.push([child, childPath, depth + 1]);
        }
      }
    }
  }
  return null;
}
