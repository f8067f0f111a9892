/** U+0000, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
// eslint-disable-next-line no-control-regex -- finding U+0000 is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first character of `text` no store can hold (see unstorableTextReason), with its index; null when none. */
export function findUnstorableCharacter(text: string): { index: number; reason: string } | null {
  const match = UNSTORABLE.exec(text);
  if (match === null) return null;
  const code = match[0].charCodeAt(0);
  const reason =
    code === 0
      ? 'contains U+0000 (NUL); text may not hold NUL'
      : `contains a lone surrogate U+${code.toString(16).toUpperCase()}; text must be well-formed Unicode`;
  return { index: match.index, reason };
}

/**
 * {@link findUnstorableCharacter} on UTF-8 bytes (an uploaded body, before any decoding): a NUL byte, or the UTF-8
 * form of a surrogate (ED A0–BF …, which decoders would silently turn into U+FFFD); `line` is 1-based. A scan, no copy.
 */
export function findUnstorableByte(bytes: Uint8Array): { index: number; line: number; reason: string } | null {
  let index = bytes.indexOf(0);
  let reason = 'contains U+0000 (NUL); text may not hold NUL';
  for (let at = bytes.indexOf(0xed); at >= 0 && (index < 0 || at < index); at = bytes.indexOf(0xed, at + 1)) {
    const next = bytes[at + 1];
    if (next !== undefined && next >= 0xa0 && next <= 0xbf) {
      const code = 0xd000 | ((next & 0x3f) << 6) | ((bytes[at + 2] ?? 0x80) & 0x3f);
      index = at;
      reason = `contains a lone surrogate U+${code.toString(16).toUpperCase()}; text must be well-formed Unicode`;
      break;
    }
  }
  if (index < 0) return null;
  let line = 1;
  for (let at = bytes.indexOf(10); at >= 0 && at < index; at = bytes.indexOf(10, at + 1)) line++;
  return { index, line, reason };
}

/**
 * Why a string cannot be stored as text, or null when it can. Text is stored as UTF-8 on every store: U+0000 is
 * refused by PostgreSQL (text and JSONB) and a lone surrogate has no UTF-8 form (SQLite and node-postgres would write
 * U+FFFD in its place, silently changing the value) — so both are refused everywhere, on every store alike.
 */
export function unstorableTextReason(text: string): string | null {
  const found = findUnstorableCharacter(text);
  return found === null ? null : `${found.reason} (character ${found.index})`;
}

/** The JSON Pointer escape of one path segment (RFC 6901: `~` → `~0`, `/` → `~1`). */
export function pointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * The first string (object key or value, at any depth) of a JSON-like value that cannot be stored, with its JSON
 * Pointer below `base`; null when every string is storable. Iterative: any depth, no stack overflow.
 */
export function findUnstorableText(value: unknown, base = ''): { path: string; reason: string } | null {
  const stack: [unknown, string][] = [[value, base]];
  while (stack.length > 0) {
    const [current, path] = stack.pop()!;
    if (typeof current === 'string') {
      const reason = unstorableTextReason(current);
      if (reason !== null) return { path, reason };
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push([current[i], `${path}/${i}`]);
    } else if (current !== null && typeof current === 'object') {
      const entries = Object.entries(current);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i];
        const childPath = `${path}/${pointerSegment(key)}`;
        const reason = unstorableTextReason(key);
        if (reason !== null) return { path: childPath, reason: `the key ${reason}` };
        stack.push([child, childPath]);
      }
    }
  }
  return null;
}
