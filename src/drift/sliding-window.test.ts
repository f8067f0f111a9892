import { describe, expect, it } from 'vitest';
import { dataTableFromColumns } from '../domain/data-table.js';
import { DriftConfigError } from './drift-config-error.js';
import { createSlidingWindow, type WindowBatch } from './sliding-window.js';

const ids = (b: WindowBatch) => b.rows.map((r) => r.id);

describe('count windows', () => {
  it('emits the last windowSize events every step events', () => {
    const w = createSlidingWindow({ type: 'count', windowSize: 4, step: 2 });
    const emitted: WindowBatch[] = [];
    for (let i = 0; i < 9; i++) emitted.push(...w.push({ id: i }));
    expect(emitted.map((b) => [b.start, b.end])).toEqual([
      [0, 4],
      [2, 6],
      [4, 8],
    ]);
    expect(emitted.map(ids)).toEqual([
      [0, 1, 2, 3],
      [2, 3, 4, 5],
      [4, 5, 6, 7],
    ]);
    expect(w.eventCount).toBe(9);
    expect(emitted[1].toTable()).toEqual(dataTableFromColumns({ id: [2, 3, 4, 5] }));
  });
  it('tumbling windows when step = windowSize', () => {
    const w = createSlidingWindow({ type: 'count', windowSize: 3, step: 3 });
    const emitted = Array.from({ length: 10 }, (_, i) => w.push({ id: i })).flat();
    expect(emitted.map(ids)).toEqual([
      [0, 1, 2],
      [3, 4, 5],
      [6, 7, 8],
    ]);
  });
});

describe('time windows', () => {
  it('emits epoch-aligned windows [end − size, end) when an event reaches the end', () => {
    const w = createSlidingWindow({ type: 'time', windowSeconds: 10, stepSeconds: 5 });
    const out: WindowBatch[] = [];
    for (const t of [1, 3, 6, 9, 11, 14, 16, 22]) out.push(...w.push({ id: t }, t));
    expect(out.map((b) => [b.start, b.end, ids(b)])).toEqual([
      [-5, 5, [1, 3]],
      [0, 10, [1, 3, 6, 9]],
      [5, 15, [6, 9, 11, 14]],
      [10, 20, [11, 14, 16]],
    ]);
  });
  it('advanceTo closes due windows from an injected clock, skipping empty ones', () => {
    const w = createSlidingWindow({ type: 'time', windowSeconds: 10, stepSeconds: 10 });
    w.push({ id: 'a' }, 100);
    w.push({ id: 'b' }, 105);
    expect(w.advanceTo(109)).toEqual([]);
    const out = w.advanceTo(1000);
    expect(out.map((b) => [b.start, b.end, ids(b)])).toEqual([[100, 110, ['a', 'b']]]);
    expect(w.advanceTo(2000)).toEqual([]);
    expect(w.push({ id: 'c' }, 2001)).toEqual([]);
    expect(w.advanceTo(2010).map(ids)).toEqual([['c']]);
  });
  it('places out-of-order events and counts events too late for any future window', () => {
    const w = createSlidingWindow({ type: 'time', windowSeconds: 10, stepSeconds: 10 });
    w.push({ id: 'b' }, 5);
    w.push({ id: 'a' }, 2);
    const out = w.push({ id: 'c' }, 12);
    expect(out.map(ids)).toEqual([['a', 'b']]);
    w.push({ id: 'late' }, 7);
    expect(w.lateEventCount).toBe(1);
    expect(w.eventCount).toBe(4);
    expect(w.advanceTo(20).map(ids)).toEqual([['c']]);
  });
  it('requires finite timestamps', () => {
    const w = createSlidingWindow({ type: 'time', windowSeconds: 10, stepSeconds: 10 });
    expect(() => w.push({ id: 1 })).toThrow(DriftConfigError);
    expect(() => w.push({ id: 1 }, Number.NaN)).toThrow(/timestampSeconds/);
  });
});

describe('window options', () => {
  it.each([
    [{ type: 'count', windowSize: 0, step: 1 }, 'window.windowSize'],
    [{ type: 'count', windowSize: 10, step: 1.5 }, 'window.step'],
    [{ type: 'time', windowSeconds: -1, stepSeconds: 1 }, 'window.windowSeconds'],
    [{ type: 'time', windowSeconds: 1, stepSeconds: 0 }, 'window.stepSeconds'],
    [{ type: 'hourly' }, 'window.type'],
    [{ type: 'count', windowSize: 10, step: 1, size: 3 }, 'window.size'],
  ])('rejects %j naming %s', (options, field) => {
    expect(() => createSlidingWindow(options as never)).toThrow(expect.objectContaining({ field }));
  });
});
