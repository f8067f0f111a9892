import { describe, expect, it } from 'vitest';
import {
  buildMulticlassStream,
  type MulticlassSegment,
  type MulticlassStream,
} from '../../../tests/support/drift/estimation-data.js';
import { expectSameAsNannyml, type NannymlChunk } from '../../../tests/support/drift/nannyml-expect.js';
import { loadOracle } from '../../../tests/support/oracle/oracle.js';
import { fitMulticlassEstimator } from './multiclass-performance-estimator.js';

interface Inputs {
  reference: MulticlassSegment[];
  analysis: MulticlassSegment[];
  chunkSize: number;
}
interface Expected {
  calibrated: boolean[];
  chunks: NannymlChunk[];
}

/** NannyML keeps class variances (np.var); driftguard squares np.std: equal up to rounding, not bit for bit. */
const VARIANCE_ROUNDING = 1e-10;

const fixture = loadOracle<Inputs, Expected>('nannyml_cbpe_multiclass');

const slice = (s: MulticlassStream, start: number, end: number) => ({
  scores: s.scores.map((column) => column.subarray(start, end)),
  predictions: s.predictions.subarray(start, end),
  labels: s.labels.subarray(start, end),
});

describe('multiclass CBPE against NannyML 0.13.1 (tests/oracle/nannyml/gen_cbpe_multiclass.py)', () => {
  for (const c of fixture.cases) {
    describe(c.id, () => {
      const reference = buildMulticlassStream(c.inputs.reference);
      const analysis = buildMulticlassStream(c.inputs.analysis);
      const estimator = fitMulticlassEstimator(reference, { chunkSize: c.inputs.chunkSize, calibration: 'isotonic' });

      it('NannyML calibrates every class too (the case is built so)', () => {
        expect(c.expected.calibrated).toEqual([true, true, true]);
        expect(
          fitMulticlassEstimator(reference, { chunkSize: c.inputs.chunkSize }).calibration.map((x) => x.method),
        ).toEqual(['isotonic', 'isotonic', 'isotonic']);
      });

      for (const chunk of c.expected.chunks) {
        it(`${chunk.period} rows ${chunk.start}–${chunk.end}`, () => {
          const rows = slice(chunk.period === 'reference' ? reference : analysis, chunk.start, chunk.end + 1);
          const estimate = estimator.estimate(rows);
          const realized = estimator.realized(rows);
          expectSameAsNannyml(estimate, realized, chunk, () => VARIANCE_ROUNDING);
        });
      }
    });
  }
});
