import { SchemaError } from '../domain/schema-error.js';

/**
 * Bad model input, hyper-parameter, training data or serialized model: `field` names the offending
 * argument / column / JSON path, `reason` says what is wrong and what is valid.
 */
export class ModelError extends SchemaError {
  override readonly name: string = 'ModelError';
}
