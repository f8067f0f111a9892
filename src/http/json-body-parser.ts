import type { FastifyInstance } from 'fastify';
import { BadRequestError } from '../services/service-errors.js';
import { findJsonBodyProblem, MAX_JSON_DEPTH } from './json-body-problems.js';

const PROBLEM_MESSAGE = {
  depth: `the JSON body is nested deeper than ${MAX_JSON_DEPTH} levels`,
  number: 'a number in the body is not a finite double',
  text: 'a string in the body cannot be stored (U+0000 or a lone surrogate)',
} as const;

/**
 * JSON bodies, refusing what no route can take (findJsonBodyProblem): numbers that overflow a double (`1e999` parses
 * to Infinity, so NaN and Infinity never reach a statistic), nesting deeper than MAX_JSON_DEPTH, and text no store can
 * hold. Each is a 400 naming the path. Other parse errors keep Fastify's 400.
 */
export function registerStrictJsonParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string;
    if (text.length === 0) {
      done(
        Object.assign(new Error('the JSON body is empty'), { statusCode: 400, code: 'FST_ERR_CTP_EMPTY_JSON_BODY' }),
        undefined,
      );
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      done(
        Object.assign(new Error(`invalid JSON: ${(error as Error).message}`), {
          statusCode: 400,
          code: 'FST_ERR_CTP_INVALID_JSON_BODY',
        }),
        undefined,
      );
      return;
    }
    const problem = findJsonBodyProblem(value);
    if (problem !== null) {
      done(
        new BadRequestError(PROBLEM_MESSAGE[problem.kind], [{ path: problem.path, reason: problem.reason }]),
        undefined,
      );
      return;
    }
    done(null, value);
  });
}
