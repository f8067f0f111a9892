import { TableReadError } from '../../ports/table-reader.js';

/**
 * Column names from a header row: surrounding blanks trimmed, an empty name becomes `Unnamed: <index>` (what
 * pandas calls the index column written by `DataFrame.to_csv`); a repeated name is an error.
 */
export function headerNames(header: readonly string[], file: string): string[] {
  const seen = new Map<string, number>();
  return header.map((raw, index) => {
    const name = raw.trim() === '' ? `Unnamed: ${index}` : raw.trim();
    const first = seen.get(name);
    if (first !== undefined) {
      throw new TableReadError({
        file,
        line: 1,
        column: name,
        reason: `duplicate column name (fields ${first + 1} and ${index + 1}); column names must be unique`,
      });
    }
    seen.set(name, index);
    return name;
  });
}
