import { describe, expect, it } from 'vitest';
import { jsonSyntaxText, parseJsonText } from './parse-json-text.js';

const problemOf = (text: string) => {
  const parsed = parseJsonText(text);
  if (parsed.ok) throw new Error('expected a syntax error');
  return parsed.problem;
};

describe('parseJsonText (issue 14 item 18): a JSON syntax error gives line and column', () => {
  it('parses valid JSON like JSON.parse', () => {
    expect(parseJsonText('{"a": [1, 2.5e3, true, null, "x\\u00e9"]}')).toEqual({
      ok: true,
      value: { a: [1, 2500, true, null, 'xé'] },
    });
  });

  it.each([
    ['{\n  "a": 1,\n  "b": }', { line: 3, column: 8, reason: 'expected a value, found "}"' }],
    ['{\n  "a": 1\n  "b": 2\n}', { line: 3, column: 3, reason: `expected ',' or '}', found "\\""` }],
    ['{\n  "a": 1,\n}', { line: 3, column: 1, reason: "trailing ',' before '}'" }],
    ["{'a': 1}", { line: 1, column: 2, reason: `expected a property name in double quotes, found "'"` }],
    ['{"a": [1, 2}', { line: 1, column: 12, reason: `expected ',' or ']', found "}"` }],
    ['{"a": "x', { line: 1, column: 7, reason: 'string never closed' }],
    ['{"a": 1', { line: 1, column: 8, reason: "expected ',' or '}', found the end of the text" }],
    ['', { line: 1, column: 1, reason: 'expected a value, found the end of the text' }],
    ['{"a": 1} x', { line: 1, column: 10, reason: 'unexpected "x" after the JSON value' }],
    ['{"a": tru}', { line: 1, column: 7, reason: 'expected a value, found "t"' }],
  ])('%j', (text, problem) => {
    expect(problemOf(text)).toEqual(problem);
  });

  it('says it in one line', () => {
    expect(jsonSyntaxText(problemOf('{\n  "a": 1,\n  "b": }'))).toBe(
      'invalid JSON at line 3, column 8: expected a value, found "}"',
    );
  });
});
