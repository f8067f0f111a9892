/**
 * Bad input to a drift report: `source` is the file or option at fault (e.g. `reference.csv`, `--exclude`,
 * `config.json`), `column` the column when one is concerned, `reason` what is wrong and what is valid.
 */
export class DriftReportInputError extends Error {
  override readonly name = 'DriftReportInputError';

  constructor(
    readonly source: string,
    readonly reason: string,
    readonly column?: string,
  ) {
    super(`${source}: ${column === undefined ? '' : `column "${column}": `}${reason}`);
  }
}
