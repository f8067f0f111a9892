import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../services/config/service-config.js';
import { loadServiceConfig } from './serve-command.js';

const dir = mkdtempSync(join(tmpdir(), 'driftguard-config-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function problemsOfFile(text: string): readonly string[] {
  const path = join(dir, 'cfg.json');
  writeFileSync(path, text);
  try {
    loadServiceConfig(path);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('serve --config: a JSON syntax error names line and column (issue 14 item 18)', () => {
  it('a missing value', () => {
    expect(problemsOfFile('{\n  "server": {\n    "port": \n  }\n}')).toEqual([
      'invalid JSON at line 4, column 3: expected a value, found "}"',
    ]);
  });

  it('a trailing comma and a missing comma', () => {
    expect(problemsOfFile('{\n  "server": { "port": 8080, }\n}')).toEqual([
      "invalid JSON at line 2, column 29: trailing ',' before '}'",
    ]);
    expect(problemsOfFile('{\n  "server": { "port": 8080 }\n  "store": {}\n}')).toEqual([
      `invalid JSON at line 3, column 3: expected ',' or '}', found "\\""`,
    ]);
  });

  it('a schema problem after parsing lists the allowed values', () => {
    expect(problemsOfFile('{ "server": { "logLevel": "loud" } }')).toEqual([
      '/server/logLevel is "loud"; allowed: "fatal", "error", "warn", "info", "debug", "trace", "silent"',
    ]);
  });
});
