import type { FastifyRequest } from 'fastify';
import { pointerSegment, unstorableTextReason } from '../domain/storable-text.js';
import { BadRequestError, type ErrorDetail } from '../services/service-errors.js';

function problemsIn(values: unknown, prefix: '/params' | '/query'): ErrorDetail[] {
  if (values === null || typeof values !== 'object') return [];
  const problems: ErrorDetail[] = [];
  for (const [name, value] of Object.entries(values)) {
    for (const text of [name, ...[value].flat()]) {
      const reason = typeof text === 'string' ? unstorableTextReason(text) : null;
      if (reason !== null) problems.push({ path: `${prefix}/${pointerSegment(name)}`, reason });
    }
  }
  return problems;
}

/**
 * The preValidation hook: a path or query parameter holding text no store can hold (U+0000, a lone surrogate) is a
 * 400 naming it, before any route looks it up — so a lookup never reaches a store with it (JSON bodies are checked by
 * the body parser, CSV bodies by the reference upload).
 */
export async function refuseUnstorableParameters(request: FastifyRequest): Promise<void> {
  const problems = [...problemsIn(request.params, '/params'), ...problemsIn(request.query, '/query')];
  if (problems.length > 0)
    throw new BadRequestError('a path or query parameter holds text that cannot be stored', problems);
}
