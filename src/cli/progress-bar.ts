import type { TableReadProgress } from '../ports/table-reader.js';

/** Where the bar is drawn: a writable stream that may be a terminal. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): boolean;
}

export interface ProgressBarOptions {
  /** Files smaller than this are not worth a bar (default 8 MiB; Parquet: 200,000 rows). */
  readonly minBytes?: number;
  readonly minRows?: number;
  /** First word of the line (default `reading`; column progress reads `<label> columns …`). */
  readonly verb?: string;
  /** Column progress (profiling, evaluating) is drawn once this long has passed since the bar was created (default 1 s). */
  readonly minColumnMs?: number;
  /** The clock (tests). */
  readonly nowMs?: () => number;
}

export interface ProgressBar {
  update(label: string, progress: TableReadProgress): void;
  /** Clears the bar line (call before printing anything else). */
  done(): void;
}

const formatAmount = (progress: TableReadProgress, value: number): string =>
  progress.unit === 'bytes'
    ? `${(value / 1024 / 1024).toFixed(1)} MB`
    : `${value.toLocaleString('en-US')} ${progress.unit}`;

/**
 * A one-line progress bar redrawn with `\r` — only on a terminal and only for large inputs, so logs and pipes stay
 * clean. Example: `reading reference.csv [##########----------]  50%  12.0 MB / 24.0 MB`.
 */
export function createProgressBar(stream: ProgressStream, options: ProgressBarOptions = {}): ProgressBar {
  const minBytes = options.minBytes ?? 8 * 1024 * 1024;
  const minRows = options.minRows ?? 200_000;
  const verb = options.verb ?? 'reading';
  const nowMs = options.nowMs ?? Date.now;
  const startedMs = nowMs();
  const minColumnMs = options.minColumnMs ?? 1000;
  let drawn = false;
  return {
    update(label, progress) {
      if (stream.isTTY !== true) return;
      if (progress.unit === 'columns') {
        if (nowMs() - startedMs < minColumnMs) return;
      } else if (progress.total < (progress.unit === 'bytes' ? minBytes : minRows)) return;
      const share = progress.total === 0 ? 1 : Math.min(1, progress.done / progress.total);
      const width = 20;
      const filled = Math.round(share * width);
      const line = `${progress.unit === 'columns' ? label : `${verb} ${label}`} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.round(share * 100)).padStart(3)}%  ${formatAmount(progress, progress.done)} / ${formatAmount(progress, progress.total)}`;
      const maxWidth = (stream.columns ?? 100) - 1;
      stream.write(`\r${line.slice(0, maxWidth).padEnd(Math.min(maxWidth, line.length))}`);
      drawn = true;
    },
    done() {
      if (!drawn) return;
      stream.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
