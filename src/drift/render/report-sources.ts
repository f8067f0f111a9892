/** Where the compared data came from; rendered next to the report (never read by the engine). */
export interface ReportSources {
  /** File name or other label of the reference data. */
  readonly reference: string;
  readonly current: string;
  /** ISO-8601 time of the report, supplied by the caller (renderers read no clock). */
  readonly generatedAt: string;
}
