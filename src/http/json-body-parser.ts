import type { FastifyInstance } from 'fastify';

/** Finds the first number that JSON.parse turned into ±Infinity (a literal such as 1e999) and returns its path. */
function findNonFinite(value: unknown, path: string): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNonFinite(value[i], `${path}/${i}`);
      if (found !== null) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const found = findNonFinite(child, `${path}/${key}`);
      if (found !== null) return found;
    }
  }
  return null;
}

/** Only a number with a 3-digit exponent can overflow a double; other bodies skip the scan. */
const MAY_OVERFLOW = /\d[eE][+]?\d{3}/;

/**
 * JSON bodies, refusing numbers that overflow a double (`1e999` parses to Infinity): NaN and Infinity never reach a
 * statistic. Other parse errors keep Fastify's 400.
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
    const overflow = MAY_OVERFLOW.test(text) ? findNonFinite(value, '') : null;
    if (overflow !== null) {
      done(
        Object.assign(new Error('a number in the body is not a finite double'), {
          statusCode: 400,
          validation: [
            {
              instancePath: overflow,
              keyword: 'finite',
              params: {},
              message: 'must be a finite number (it overflows a double)',
            },
          ],
          validationContext: 'body',
        }),
        undefined,
      );
      return;
    }
    done(null, value);
  });
}
