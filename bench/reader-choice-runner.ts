/**
 * One read for bench/reader-choice.bench.ts, in its own process so its peak RSS is its own:
 * `tsx bench/reader-choice-runner.ts <tokenizer|duckdb|hyparquet> <file>` prints {seconds, peakRssMiB, rows}.
 */
import { performance } from 'node:perf_hooks';
import { createCsvReader } from '../src/adapters/tabular/csv-reader.js';
import { createParquetReader } from '../src/adapters/tabular/parquet-reader.js';
import { createDuckDbTableReader } from './duckdb-table-reader.js';

const [variant, path] = process.argv.slice(2) as [string, string];
const reader =
  variant === 'duckdb'
    ? createDuckDbTableReader()
    : variant === 'hyparquet'
      ? createParquetReader()
      : createCsvReader();
const started = performance.now();
const table = await reader.read(path);
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ seconds, peakRssMiB: process.resourceUsage().maxRSS / 1024, rows: table.rowCount }));
process.exit(0);
