import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { expectReadError } from '../../../tests/support/adapters/expect-read-error.js';
import { type DataTable, requireCells } from '../../domain/data-table.js';
import { parseDecimal } from '../../domain/text-values.js';
import type { TableReadError } from '../../ports/table-reader.js';
import { createCsvReader, createCsvTextParser } from './csv-reader.js';

const cellsOf = (table: DataTable): Record<string, unknown[]> =>
  Object.fromEntries(table.columnNames.map((name) => [name, requireCells(table, name)]));

const dir = mkdtempSync(join(tmpdir(), 'driftguard-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileIndex = 0;
function csvFile(content: string, extension = '.csv'): string {
  const path = join(dir, `t${fileIndex++}${extension}`);
  writeFileSync(path, content);
  return path;
}
const reader = createCsvReader();

const readError = (path: string): Promise<TableReadError> => expectReadError(reader, path);

describe('createCsvReader', () => {
  it('detects numbers, booleans and strings per column; empty and NA tokens are null', async () => {
    const path = csvFile(
      'x,flag,city,blank,mixed\n1.5,True,Paris,,1\n-2e3,false,"Lyon, FR",,abc\n,TRUE,NA,,1.50\nNaN,,Nice,,\n',
    );
    const table = await reader.read(path);
    expect(table.columnNames).toEqual(['x', 'flag', 'city', 'blank', 'mixed']);
    expect(table.rowCount).toBe(4);
    expect(requireCells(table, 'x')).toEqual([1.5, -2000, null, null]);
    expect(requireCells(table, 'flag')).toEqual([true, false, true, null]);
    expect(requireCells(table, 'city')).toEqual(['Paris', 'Lyon, FR', null, 'Nice']);
    expect(requireCells(table, 'blank')).toEqual([null, null, null, null]);
    // Mostly numbers: numeric, the stray text kept as an invalid value (not missing, not a category).
    expect(requireCells(table, 'mixed')).toEqual([1, 'abc', 1.5, null]);
    expect(table.columns.get('mixed')).toMatchObject({ type: 'number', invalid: new Map([[1, 'abc']]) });
  });

  it('keeps a mostly-boolean column boolean, the stray value as text', async () => {
    const table = await reader.read(csvFile('b\nTrue\nfalse\nmaybe\n'));
    expect(requireCells(table, 'b')).toEqual([true, false, 'maybe']);
  });

  it('keeps the exact spelling of a mostly-text column whose first rows were numbers (second pass)', async () => {
    const rows = [
      ...Array.from({ length: 1200 }, (_, i) => `${i}.50`),
      ...Array.from({ length: 2000 }, (_, i) => `t${i}`),
    ];
    const table = await reader.read(csvFile(`v\n${rows.join('\n')}\n`));
    expect(table.columns.get('v')?.type).toBe('category');
    expect(requireCells(table, 'v').slice(0, 2)).toEqual(['0.50', '1.50']);
    expect(requireCells(table, 'v').at(-1)).toBe('t1999');
  });

  it('reads a gzip-compressed CSV by its .csv.gz extension', async () => {
    const path = join(dir, `t${fileIndex++}.csv.gz`);
    writeFileSync(path, gzipSync('x,c\n1.5,a\n2,b\n'));
    expect(cellsOf(await reader.read(path))).toEqual({ x: [1.5, 2], c: ['a', 'b'] });
  });

  it('keeps a numeric column numeric when under 1 % of its cells are stray text (engine reports type violations)', async () => {
    const values = Array.from({ length: 200 }, (_, i) => String(i / 4));
    values[17] = 'n/a?';
    values[18] = 'TRUE';
    const table = await reader.read(csvFile(`v\n${values.join('\n')}\n`));
    expect(requireCells(table, 'v')[16]).toBe(4);
    expect(requireCells(table, 'v').slice(17, 19)).toEqual(['n/a?', 'TRUE']);
    expect(requireCells(table, 'v').filter((cell) => typeof cell === 'number')).toHaveLength(198);
  });

  it('does not take hex, blanks inside or Infinity for numbers', async () => {
    const table = await reader.read(csvFile('a,b,c\n0x10,1 2,Infinity\n1,2,3\n'));
    expect(requireCells(table, 'a')).toEqual(['0x10', '1']);
    expect(requireCells(table, 'b')).toEqual(['1 2', '2']);
    expect(requireCells(table, 'c')).toEqual(['Infinity', '3']);
  });

  it('reads TSV by extension, strips a BOM, skips blank lines and names an empty header like pandas', async () => {
    const table = await reader.read(csvFile('\uFEFF\tv\n0\t1\n\n1\t2\n', '.tsv'));
    expect(table.columnNames).toEqual(['Unnamed: 0', 'v']);
    expect(requireCells(table, 'v')).toEqual([1, 2]);
  });

  it('reads columns named __proto__, constructor and toString like any other (issue 14 item 14)', async () => {
    const table = await reader.read(csvFile('__proto__,constructor,toString\n1.5,a,True\n2,b,False\n'));
    expect(table.columnNames).toEqual(['__proto__', 'constructor', 'toString']);
    expect(table.columnNames.map((name) => requireCells(table, name))).toEqual([
      [1.5, 2],
      ['a', 'b'],
      [true, false],
    ]);
    expect(requireCells(await createCsvTextParser().parse('__proto__\nx\n', 'body'), '__proto__')).toEqual(['x']);
  });

  it('reads a header-only file as zero rows', async () => {
    const table = await reader.read(csvFile('a,b\n'));
    expect({ names: table.columnNames, rows: table.rowCount, cells: cellsOf(table) }).toEqual({
      names: ['a', 'b'],
      rows: 0,
      cells: { a: [], b: [] },
    });
  });

  it('reports progress in bytes up to the file size', async () => {
    const content = `v\n${Array.from({ length: 40_000 }, (_, i) => String(i)).join('\n')}\n`;
    const seen: number[] = [];
    await createCsvReader({ progressEveryBytes: 4096 }).read(csvFile(content), {
      onProgress: (p) => seen.push(p.done),
    });
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.at(-1)).toBe(Buffer.byteLength(content));
  });

  it('round-trips arbitrary doubles and quoted strings (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string({ minLength: 1 })), {
          minLength: 1,
          maxLength: 30,
        }),
        async (rows) => {
          const texts = rows.map(([, s]) => `s${s}`);
          const body = rows.map(([n], i) => `${Object.is(n, -0) ? 0 : n},"${texts[i].replace(/"/g, '""')}"`).join('\n');
          const table = await reader.read(csvFile(`n,s\n${body}\n`));
          expect(requireCells(table, 'n')).toEqual(rows.map(([n]) => (Object.is(n, -0) ? 0 : n)));
          expect(requireCells(table, 's')).toEqual(texts);
        },
      ),
      { numRuns: 40 },
    );
  });

  describe('errors name the file, the line and what is wrong', () => {
    it('missing file', async () => {
      const error = await readError(join(dir, 'nope.csv'));
      expect(error.message).toBe(`${join(dir, 'nope.csv')}: file not found`);
    });
    it('directory', async () => {
      const path = join(dir, 'folder.csv');
      mkdirSync(path);
      expect((await readError(path)).reason).toMatch(/directory/);
    });
    it('empty file', async () => {
      expect((await readError(csvFile(''))).reason).toMatch(/empty/);
    });
    it('only blank lines', async () => {
      expect((await readError(csvFile('\n\n'))).reason).toMatch(/no header/);
    });
    it('row with too few fields', async () => {
      const error = await readError(csvFile('a,b,c\n1,2,3\n4,5\n'));
      expect(error.line).toBe(3);
      expect(error.message).toMatch(/line 3: malformed row: expected 3 fields \(as in the header\), found 2$/);
    });
    it('row with too many fields', async () => {
      expect((await readError(csvFile('a,b\n1,2,3\n'))).line).toBe(2);
    });
    it('unclosed quote', async () => {
      const error = await readError(csvFile('a,b\n1,"x\n2,3\n'));
      expect(error.reason).toMatch(/Quote Not Closed/);
    });
    it('duplicate header name', async () => {
      const error = await readError(csvFile('a,b,a\n1,2,3\n'));
      expect(error.message).toMatch(/line 1, column "a": duplicate column name \(fields 1 and 3\)/);
    });
  });
});

describe('parseDecimal (the number rule of CSV cells)', () => {
  const pattern = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
  it('accepts exactly the decimal / scientific spellings (property, against the regex definition)', () => {
    const alphabet = fc.constantFrom(...'0123456789+-.eExXbo _I'.split(''));
    fc.assert(
      fc.property(
        fc.array(alphabet, { minLength: 1, maxLength: 8 }).map((chars) => chars.join('')),
        (text) => {
          const parsed = parseDecimal(text);
          const expected = pattern.test(text) && Number.isFinite(Number(text)) ? Number(text) : undefined;
          expect(parsed).toBe(expected);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('createCsvTextParser (an uploaded CSV body)', () => {
  const parser = createCsvTextParser();

  it('reads text exactly as the file reader reads the same bytes', async () => {
    const content = 'x,flag,city,mixed\n1.5,True,Paris,1\n-2e3,false,"Lyon, FR",abc\n,TRUE,NA,1.50\n';
    expect(cellsOf(await parser.parse(content, 'request body'))).toEqual(cellsOf(await reader.read(csvFile(content))));
  });

  it('names the line, the column when known, and the reason of malformed text', async () => {
    const tooFew = await parser.parse('a,b\n1,2\n3\n', 'request body').catch((e: unknown) => e);
    expect(tooFew).toMatchObject({ name: 'TableReadError', file: 'request body', line: 3 });
    expect((tooFew as Error).message).toMatch(/expected 2 fields/);
    await expect(parser.parse('a,a\n1,2\n', 'request body')).rejects.toMatchObject({
      line: 1,
      column: 'a',
      reason: /duplicate column name/,
    });
    await expect(parser.parse('a,b\n"1,2\n', 'request body')).rejects.toMatchObject({ reason: /malformed CSV/ });
    await expect(parser.parse(' \n', 'request body')).rejects.toMatchObject({ reason: /empty/ });
  });
});
