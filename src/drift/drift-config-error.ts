import { SchemaError } from '../domain/schema-error.js';

/** Invalid drift-engine configuration, profile or input: names the field and what is valid. */
export class DriftConfigError extends SchemaError {
  override readonly name: string = 'DriftConfigError';
}
