import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { headerNames } from '../src/adapters/tabular/header-names.js';
import { TableReadError } from '../src/ports/table-reader.js';

/** Bytes read at most to find the header line. */
const HEADER_LIMIT = 1024 * 1024;

/**
 * The column names of a CSV / TSV file (gzip'd when the name ends in `.gz`): its first non-blank line, RFC 4180
 * quoting, a UTF-8 BOM stripped; checked by headerNames (empty names, duplicates).
 */
export async function readCsvHeader(path: string, delimiter: string, display: string): Promise<string[]> {
  const raw = createReadStream(path, { end: path.toLowerCase().endsWith('.gz') ? undefined : HEADER_LIMIT - 1 });
  const input = path.toLowerCase().endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  let text = '';
  try {
    for await (const chunk of input) {
      text += (chunk as Buffer).toString('utf8');
      const fields = parseFirstRecord(text, delimiter, false);
      if (fields !== null || text.length >= HEADER_LIMIT) break;
    }
  } catch (error) {
    throw new TableReadError({
      file: display,
      reason: `cannot read the header (${error instanceof Error ? error.message : String(error)})`,
      cause: error,
    });
  } finally {
    raw.destroy();
  }
  const fields = parseFirstRecord(text, delimiter, true);
  if (fields === null)
    throw new TableReadError({ file: display, reason: 'file has no header line (only blank lines)' });
  return headerNames(fields, display);
}

/** Fields of the first non-blank record of `text`, or null when it is not complete (and `atEnd` is false). */
function parseFirstRecord(text: string, delimiter: string, atEnd: boolean): string[] | null {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length && (text[i] === '\n' || text[i] === '\r')) i++;
  if (i >= text.length) return null;
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      fields.push(field);
      return fields;
    } else field += ch;
  }
  if (!atEnd) return null;
  fields.push(field);
  return fields;
}
