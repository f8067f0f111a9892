import { Command } from 'commander';
import { createModelDirectory, createTableReader } from '../compose.js';
import type { ModelDirectory } from '../ports/model-directory.js';
import type { TableReader } from '../ports/table-reader.js';
import { type BatchPrediction, loadSavedModel, predictTable } from '../services/training/model-artifacts.js';
import { cliErrorLine, UsageError } from './cli-error-line.js';
import { writeOptionFile } from './option-files.js';

/** Raw option values as commander hands them over. */
export interface PredictCommandOptions {
  readonly model?: string;
  readonly data?: string;
  readonly out?: string;
}

/** Output streams and adapters; injectable for tests. */
export interface PredictCommandIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly tableReader?: TableReader;
  readonly modelDirectory?: ModelDirectory;
}

const csvField = (text: string): string => (/[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** CSV with one line per input row, in input order: `probability,prediction` (P(class 1) and the predicted label). */
export function predictionsCsv(prediction: BatchPrediction): string {
  const lines = ['probability,prediction'];
  for (let i = 0; i < prediction.probabilities.length; i++) {
    lines.push(`${prediction.probabilities[i]},${csvField(prediction.labels[i])}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Runs `driftguard predict`; returns the exit code (0 ok, 2 error with one line on stderr). */
export async function runPredict(options: PredictCommandOptions, io: PredictCommandIo): Promise<number> {
  try {
    if (options.model === undefined) throw new UsageError('--model <dir> is required');
    if (options.data === undefined) throw new UsageError('--data <file> is required');
    const model = await loadSavedModel(io.modelDirectory ?? createModelDirectory(), options.model);
    const table = await (io.tableReader ?? createTableReader()).read(options.data);
    if (table.rowCount === 0) throw new UsageError(`${options.data}: no data rows to predict`);
    const prediction = predictTable(model, table);
    const csv = predictionsCsv(prediction);
    if (options.out === undefined) {
      io.stdout.write(csv);
    } else {
      await writeOptionFile('--out', options.out, csv);
      io.stdout.write(
        `${table.rowCount} predictions (positive class "${prediction.classLabels[1]}") → ${options.out}\n`,
      );
    }
    return 0;
  } catch (error) {
    io.stderr.write(`driftguard predict: ${cliErrorLine(error)}\n`);
    return 2;
  }
}

/** `driftguard predict --model <dir> --data <file> [--out <file>]`. */
export function createPredictCommand(): Command {
  return new Command('predict')
    .description(
      'Score a CSV/Parquet file with a model directory written by `driftguard train`; CSV of probability,prediction. Exit 2 on bad input.',
    )
    .option('--model <dir>', 'model directory (contains model.json)')
    .option('--data <file>', 'rows to score: .csv, .tsv, .parquet (extra columns are ignored)')
    .option('--out <file>', 'write the predictions CSV here instead of stdout')
    .exitOverride((error) => process.exit(error.code === 'commander.helpDisplayed' ? 0 : 2))
    .action(async (options: PredictCommandOptions) => {
      process.exitCode = await runPredict(options, { stdout: process.stdout, stderr: process.stderr });
    });
}
