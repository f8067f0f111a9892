/**
 * SQLite keeps JSON documents as text: a decoder of those columns (SQL NULL stays null) that turns a SQLite row into
 * the shared row type of row-mapping.ts, as pg does by itself for JSONB.
 */
export function jsonColumnDecoder<R>(...columns: (keyof R & string)[]): (row: unknown) => R {
  return (row) => {
    const decoded: Record<string, unknown> = { ...(row as Record<string, unknown>) };
    for (const column of columns) {
      const text = decoded[column];
      if (text !== null) decoded[column] = JSON.parse(text as string);
    }
    return decoded as R;
  };
}
