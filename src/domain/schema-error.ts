/**
 * Bad schema, profile or engine configuration: `field` names the offending option / column (dotted path),
 * `reason` says what is wrong and what is valid.
 */
export class SchemaError extends Error {
  override readonly name: string = 'SchemaError';

  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}
