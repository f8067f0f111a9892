/** The time source; injected so monitoring, alerting and tests share one notion of "now". */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  nowMs(): number;
}
