import { describe, expect, it } from 'vitest';
import { captureStream } from '../../tests/support/cli/report-fixtures.js';
import { createProgressBar } from './progress-bar.js';

describe('createProgressBar', () => {
  it('draws on a terminal for large inputs and clears the line when done', () => {
    const tty = { ...captureStream(true), columns: 120 };
    const bar = createProgressBar(tty, { minBytes: 1000 });
    bar.update('ref.csv', { unit: 'bytes', done: 512, total: 2048 });
    bar.update('ref.csv', { unit: 'bytes', done: 2048, total: 2048 });
    bar.done();
    expect(tty.text()).toContain('\rreading ref.csv [#####---------------]  25%  0.0 MB / 0.0 MB');
    expect(tty.text()).toContain('[####################] 100%');
    expect(tty.text().endsWith('\r\x1b[2K')).toBe(true);
  });

  it('counts rows for Parquet', () => {
    const tty = captureStream(true);
    createProgressBar(tty, { minRows: 10 }).update('x.parquet', { unit: 'rows', done: 150_000, total: 300_000 });
    expect(tty.text()).toMatch(/ 50% {2}150,000 rows \/ 300,000 rows/);
  });

  it('shows columns profiled / evaluated once the work has lasted a second, on a terminal only', () => {
    let now = 0;
    const tty = captureStream(true);
    const bar = createProgressBar(tty, { nowMs: () => now });
    bar.update('profiling', { unit: 'columns', done: 1, total: 50 });
    expect(tty.text()).toBe('');
    now = 1500;
    bar.update('profiling', { unit: 'columns', done: 25, total: 50 });
    expect(tty.text()).toMatch(/\rprofiling \[#{10}-{10}\] {2}50% {2}25 columns \/ 50 columns/);
    const pipe = captureStream(false);
    createProgressBar(pipe, { nowMs: () => now, minColumnMs: 0 }).update('evaluating', {
      unit: 'columns',
      done: 5,
      total: 50,
    });
    expect(pipe.text()).toBe('');
  });

  it('stays silent when stderr is not a terminal or the file is small', () => {
    const pipe = captureStream(false);
    const bar = createProgressBar(pipe, { minBytes: 10 });
    bar.update('a.csv', { unit: 'bytes', done: 50, total: 100 });
    bar.done();
    expect(pipe.text()).toBe('');
    const tty = captureStream(true);
    createProgressBar(tty).update('small.csv', { unit: 'bytes', done: 50, total: 100 });
    expect(tty.text()).toBe('');
  });
});
