import { Type } from 'typebox';

/**
 * The `limit` query parameter of the paged listings: a page size of 1–1000 as query text (validated by the schema, so
 * a bad value is a 400 naming querystring/limit) and its default when absent.
 */
export function pageLimit(defaultLimit: number) {
  return {
    schema: Type.Optional(
      Type.String({
        pattern: '^(?:[1-9][0-9]{0,2}|1000)$',
        description: `page size, 1–1000 (default ${defaultLimit})`,
      }),
    ),
    value: (text: string | undefined): number => (text === undefined ? defaultLimit : Number(text)),
  };
}
