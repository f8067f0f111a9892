import { describe, expect, it } from 'vitest';
import { buildRegressionStream, type RegressionSegment } from '../../../tests/support/drift/estimation-data.js';
import { type NannymlChunk, SAME_METHOD } from '../../../tests/support/drift/nannyml-expect.js';
import { expectClose, loadOracle } from '../../../tests/support/oracle/oracle.js';
import { dataTableFromColumns } from '../../domain/data-table.js';
import { fitDirectLossEstimator, REGRESSION_METRICS } from './direct-loss-estimator.js';

interface Inputs {
  reference: RegressionSegment[];
  analysis: RegressionSegment[];
  chunkSize: number;
}

/**
 * NannyML's loss models are LightGBM's, driftguard's its own gbdt with the same defaults (100 rounds, 31 leaves,
 * learning rate 0.1, 20 rows per leaf): the estimates differ by the two models' fits, not by the method.
 */
const DIFFERENT_LOSS_MODEL = 0.03;

const fixture = loadOracle<Inputs, { chunks: NannymlChunk[] }>('nannyml_dle');

describe('direct loss estimation against NannyML 0.13.1 DLE (tests/oracle/nannyml/gen_dle.py)', () => {
  for (const c of fixture.cases) {
    describe(c.id, () => {
      const reference = buildRegressionStream(c.inputs.reference);
      const analysis = buildRegressionStream(c.inputs.analysis);
      const tableOf = (s: typeof reference, start: number, end: number) =>
        dataTableFromColumns({ x1: s.x1.slice(start, end), x2: s.x2.slice(start, end) }, end - start);
      const estimator = fitDirectLossEstimator(
        {
          table: tableOf(reference, 0, reference.targets.length),
          features: [
            { name: 'x1', kind: 'numeric' },
            { name: 'x2', kind: 'numeric' },
          ],
          predictions: reference.predictions,
          targets: reference.targets,
        },
        { chunkSize: c.inputs.chunkSize },
      );
      for (const chunk of c.expected.chunks) {
        it(`${chunk.period} rows ${chunk.start}–${chunk.end}`, () => {
          const source = chunk.period === 'reference' ? reference : analysis;
          const end = chunk.end + 1;
          const estimate = estimator.estimate({
            table: tableOf(source, chunk.start, end),
            predictions: source.predictions.subarray(chunk.start, end),
          });
          const realized = estimator.realized({
            predictions: source.predictions.subarray(chunk.start, end),
            targets: source.targets.subarray(chunk.start, end),
          });
          for (const metric of REGRESSION_METRICS) {
            const e = chunk.metrics[metric];
            const ours = estimate.metrics[metric];
            expectClose(ours.samplingError!, e.sampling_error as number, SAME_METHOD, 0, `${metric} sampling error`);
            expectClose(
              ours.thresholds.lower!,
              e.lower_threshold as number,
              SAME_METHOD,
              1e-15,
              `${metric} lower threshold`,
            );
            expectClose(
              ours.thresholds.upper!,
              e.upper_threshold as number,
              SAME_METHOD,
              0,
              `${metric} upper threshold`,
            );
            expectClose(realized[metric]!, e.realized as number, SAME_METHOD, 0, `${metric} realized`);
            expectClose(ours.value!, e.value as number, DIFFERENT_LOSS_MODEL, 0, `${metric} estimate`);
            // a loss alerts above its band, like NannyML's (which also alerts below)
            if (e.alert === true && (e.value as number) > (e.upper_threshold as number))
              expect(ours.alert, `${metric} alert`).toBe(true);
          }
        });
      }
    });
  }
});
