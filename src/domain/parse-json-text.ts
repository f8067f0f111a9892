/** Where and why a JSON text is not valid JSON: 1-based line and column (in UTF-16 code units). */
export interface JsonSyntaxProblem {
  readonly line: number;
  readonly column: number;
  readonly reason: string;
}

export type ParsedJsonText =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly problem: JsonSyntaxProblem };

class SyntaxAt extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

/** The first offset at which `text` stops being JSON (RFC 8259), with a reason; null when it is valid JSON. */
function firstSyntaxError(text: string): SyntaxAt | null {
  let i = 0;
  const skip = () => {
    while (i < text.length && WHITESPACE.has(text[i] as string)) i++;
  };
  const describe = (at: number) => (at >= text.length ? 'the end of the text' : JSON.stringify(text[at]));
  const expect = (what: string): never => {
    throw new SyntaxAt(i, `expected ${what}, found ${describe(i)}`);
  };
  const string = () => {
    const start = i;
    i++; // opening quote
    while (i < text.length) {
      const c = text[i] as string;
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new SyntaxAt(i, 'bad \\u escape in a string');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else throw new SyntaxAt(i, 'bad escape in a string');
      } else if (c < ' ') throw new SyntaxAt(i, 'control character (e.g. a line break) inside a string');
      else i++;
    }
    throw new SyntaxAt(start, 'string never closed');
  };
  const number = () => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i));
    if (match === null) expect('a value');
    i += (match as RegExpExecArray)[0].length;
  };
  const value = (depth: number): void => {
    if (depth > 10_000) throw new SyntaxAt(i, 'nested too deeply');
    skip();
    const c = text[i];
    if (c === '{') {
      i++;
      skip();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        skip();
        if (text[i] !== '"') expect('a property name in double quotes');
        string();
        skip();
        if (text[i] !== ':') expect("':' after the property name");
        i++;
        value(depth + 1);
        skip();
        if (text[i] === ',') {
          i++;
          skip();
          if (text[i] === '}') throw new SyntaxAt(i, "trailing ',' before '}'");
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        expect("',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      skip();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        skip();
        if (text[i] === ',') {
          i++;
          skip();
          if (text[i] === ']') throw new SyntaxAt(i, "trailing ',' before ']'");
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        expect("',' or ']'");
      }
    }
    if (c === '"') return string();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    expect('a value');
  };
  try {
    if (text.charCodeAt(0) === 0xfeff) i = 1;
    value(0);
    skip();
    if (i < text.length) throw new SyntaxAt(i, `unexpected ${describe(i)} after the JSON value`);
    return null;
  } catch (error) {
    if (error instanceof SyntaxAt) return error;
    throw error;
  }
}

/** 1-based line and column of an offset. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before[before.length - 1] as string).length + 1 };
}

/**
 * Parses JSON text; a syntax error comes back as line, column and reason (JSON.parse's own message gives no position
 * for many errors on Node 20).
 */
export function parseJsonText(text: string): ParsedJsonText {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const found = firstSyntaxError(text);
    if (found === null) {
      return {
        ok: false,
        problem: { line: 1, column: 1, reason: error instanceof Error ? error.message : 'not JSON' },
      };
    }
    return { ok: false, problem: { ...lineAndColumn(text, found.offset), reason: found.reason } };
  }
}

/** "line 3, column 9: expected ',' or '}', found "\"b\""" — the one-line form used in error messages. */
export function jsonSyntaxText(problem: JsonSyntaxProblem): string {
  return `invalid JSON at line ${problem.line}, column ${problem.column}: ${problem.reason}`;
}
