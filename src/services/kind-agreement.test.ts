import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCsvReader, createCsvTextParser } from '../adapters/tabular/csv-reader.js';
import { createParquetReader } from '../adapters/tabular/parquet-reader.js';
import { inferSchema } from '../domain/infer-schema.js';
import { createDriftReportService } from './reports/drift-report-service.js';
import { createTrainModelService } from './training/train-model.js';

/**
 * Issue 14 item 16: the same file gives the same kinds in `train`, `report` and a reference upload. Before, `train`
 * had its own rule (integers → numeric) while `report` and the upload applied Evidently's small-integer rule, so
 * `day` (1–7) was numeric in one and categorical in the other.
 */
const dir = mkdtempSync(join(tmpdir(), 'driftguard-kinds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function csvText(rows: number): string {
  const lines = ['day,amount,member,city,label'];
  for (let i = 0; i < rows; i++) {
    const amount = ((i * 7919) % 1000) / 10;
    lines.push(
      `${(i % 7) + 1},${amount},${i % 3 === 0 ? 'True' : 'False'},${['Oslo', 'Lima', 'Pune'][i % 3]},${(i * 31) % 5 < 2 ? 'yes' : 'no'}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

describe('one kind rule for every path (train, report, reference upload)', () => {
  it('gives every column the same kind in train, report and a CSV upload', async () => {
    const text = csvText(600);
    const path = join(dir, 'data.csv');
    writeFileSync(path, text);

    const trained = createTrainModelService({ clock: { nowMs: () => 0 } }).train({
      table: await createCsvReader().read(path),
      target: 'label',
      estimator: 'logistic',
    });
    const trainKinds = Object.fromEntries(trained.model.schema.features.map((f) => [f.name, f.kind]));

    // The reference upload parses the body with the CSV text parser and infers the schema with inferSchema.
    const uploaded = inferSchema(await createCsvTextParser().parse(text, 'the CSV body'), { target: 'label' });
    const uploadKinds = Object.fromEntries(uploaded.features.map((f) => [f.name, f.kind]));

    const report = await createDriftReportService({ tableReader: createCsvReader() }).createReport({
      referencePath: path,
      currentPath: path,
      target: 'label',
    });
    const reportKinds = Object.fromEntries(report.report.features.map((f) => [f.name, f.kind]));

    expect(trainKinds).toEqual({ day: 'categorical', amount: 'numeric', member: 'boolean', city: 'categorical' });
    expect(uploadKinds).toEqual(trainKinds);
    expect(reportKinds).toEqual(trainKinds);
  });

  it('a Parquet file and the same rows as CSV give the same kinds', async () => {
    const fixtures = join(import.meta.dirname, '../../tests/fixtures/parquet');
    const table = await createParquetReader().read(join(fixtures, 'pyarrow-default.parquet'));
    const kinds = Object.fromEntries(inferSchema(table).features.map((f) => [f.name, f.kind]));
    const lines = ['f64,i64,i32,flag,text,ts,day,dec,category'];
    for (let i = 0; i < table.rowCount; i++) {
      lines.push(
        table.columnNames
          .map((name) => {
            const column = table.columns.get(name);
            const cell =
              column === undefined
                ? null
                : column.type === 'number'
                  ? Number.isNaN(column.values[i])
                    ? null
                    : column.values[i]
                  : column.type === 'category'
                    ? column.codes[i] < 0
                      ? null
                      : column.dictionary[column.codes[i]]
                    : column.cells[i];
            return cell === null ? '' : typeof cell === 'boolean' ? (cell ? 'True' : 'False') : String(cell);
          })
          .join(','),
      );
    }
    const csv = await createCsvTextParser().parse(`${lines.join('\n')}\n`, 'csv');
    expect(Object.fromEntries(inferSchema(csv).features.map((f) => [f.name, f.kind]))).toEqual(kinds);
  });
});
