import { SchemaError } from '../domain/schema-error.js';
import { ModelDirectoryError } from '../ports/model-directory.js';
import { TableReadError } from '../ports/table-reader.js';
import { MetricInputError } from '../services/training/train-model.js';

/** A wrong command line (missing / malformed option); its message is shown as is. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * One readable line for a failure of `train` / `predict`: usage, file, data and model errors name the option /
 * file / column and the reason; anything else is reported as unexpected with its message.
 */
export function cliErrorLine(error: unknown): string {
  const line = (text: string): string => text.replace(/\s*\n\s*/g, ' ');
  if (error instanceof UsageError || error instanceof TableReadError || error instanceof ModelDirectoryError)
    return line(error.message);
  if (error instanceof SchemaError) return line(`${error.field}: ${error.reason}`);
  if (error instanceof MetricInputError) return line(error.message);
  return line(`unexpected error: ${error instanceof Error ? error.message : String(error)}`);
}
