/**
 * MLflow dataset inputs for the windows a training run used (`runs/log-inputs`): the digest identifies the exact
 * rows, so two runs trained on the same window show the same dataset in MLflow.
 */
import { createHash } from 'node:crypto';
import { type Column, cellAt, type DataTable } from '../../domain/data-table.js';
import type { DatasetInput } from '../../ports/tracking-store.js';

/**
 * SHA-256 over the column names and every cell (type-tagged, so 1 ≠ "1" ≠ true and null ≠ ""), column by column,
 * as 32 hex characters (MLflow allows ≤ 36).
 */
export function datasetDigest(table: DataTable): string {
  const hash = createHash('sha256');
  hash.update(`rows:${table.rowCount};cols:${table.columnNames.length}\n`);
  for (const name of table.columnNames) {
    hash.update(`column:${JSON.stringify(name)}\n`);
    const column = table.columns.get(name) as Column;
    // Hashed in blocks: one update per cell costs more than the hashing itself on large tables.
    let block = '';
    for (let i = 0; i < table.rowCount; i++) {
      const cell = cellAt(column, i);
      block +=
        cell === null
          ? 'n;'
          : `${typeof cell === 'number' ? 'f' : typeof cell === 'boolean' ? 'b' : 's'}${JSON.stringify(cell)};`;
      if (block.length > 65536) {
        hash.update(block);
        block = '';
      }
    }
    hash.update(block);
  }
  return hash.digest('hex').slice(0, 32);
}

export interface DatasetInputOptions {
  /** e.g. `credit-default/train` */
  readonly name: string;
  /** `training`, `validation` or `test` (MLflow's `mlflow.data.context` tag). */
  readonly context: 'training' | 'validation' | 'test' | string;
  readonly table: DataTable;
  /** Where the rows came from (file path, prediction-log window …), recorded as the dataset source. */
  readonly source: Readonly<Record<string, unknown>>;
}

/** A DatasetInput with digest, schema (column names) and profile (`num_rows`), source type `driftguard`. */
export function datasetInput(options: DatasetInputOptions): DatasetInput {
  return {
    name: options.name,
    digest: datasetDigest(options.table),
    context: options.context,
    sourceType: 'driftguard',
    source: JSON.stringify(options.source),
    schema: JSON.stringify({ columns: options.table.columnNames }),
    profile: JSON.stringify({ num_rows: options.table.rowCount, num_columns: options.table.columnNames.length }),
  };
}
