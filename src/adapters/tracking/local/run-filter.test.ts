import { describe, expect, it } from 'vitest';
import type { Run } from '../../../ports/tracking-store.js';
import { parseRunFilter } from './run-filter.js';

const run: Run = {
  info: {
    runId: 'r1',
    experimentId: '1',
    runName: 'fit',
    status: 'FINISHED',
    startTimeMs: 100,
    endTimeMs: 200,
    artifactUri: 'file:///x',
  },
  params: { depth: '4', 'model type': 'gbdt' },
  metrics: { auc: 0.8, 'val/loss': 0.3 },
  tags: { trigger: "it's drift" },
  inputs: [],
};

describe('parseRunFilter', () => {
  it('evaluates MLflow-style clauses joined by and', () => {
    const cases: [string, boolean][] = [
      ["attributes.status = 'FINISHED'", true],
      ["attribute.status != 'FINISHED'", false],
      ['metrics.auc >= 0.8 and metrics.auc < 0.81', true],
      ['metrics.`val/loss` <= 0.3', true],
      ['metric."val/loss" > 0.3', false],
      ["params.`model type` = 'gbdt' AND params.depth = '4'", true],
      ["tags.trigger = 'it\\'s drift'", true],
      ['attributes.start_time > 99', true],
      ["tags.missing = 'x'", false],
      ['', true],
    ];
    for (const [filter, expected] of cases) expect(parseRunFilter(filter)(run), filter).toBe(expected);
  });

  it('rejects what it cannot parse, naming the clause or attribute', () => {
    expect(() => parseRunFilter('metrics.auc ~ 3')).toThrow(/"metrics\.auc ~ 3"/);
    expect(() => parseRunFilter("attributes.color = 'red'")(run)).toThrow(/unknown attribute "color"/);
  });
});
