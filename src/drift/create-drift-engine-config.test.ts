import { describe, expect, it } from 'vitest';
import { createDriftEngineConfig, DEFAULT_DRIFT_ENGINE_CONFIG } from './create-drift-engine-config.js';
import { DriftConfigError } from './drift-config-error.js';

describe('createDriftEngineConfig', () => {
  it('fills every documented default', () => {
    const c = createDriftEngineConfig();
    expect(c).toEqual(DEFAULT_DRIFT_ENGINE_CONFIG);
    expect(c).toMatchObject({
      mode: 'driftguard',
      pValueThreshold: 0.05,
      correction: 'benjamini_hochberg',
      driftShareThreshold: 0.5,
      severity: { low: 0, medium: 0.25, high: 0.5 },
      persistenceWindows: 1,
      noiseFloorProbability: { normed_wasserstein: 0.05, jensen_shannon: 0.01, psi: 0.01 },
    });
  });
  it('noiseFloorProbability: one number for every family, a per-family record over the defaults, or null', () => {
    expect(createDriftEngineConfig({ noiseFloorProbability: 0.02 }).noiseFloorProbability).toEqual({
      normed_wasserstein: 0.02,
      jensen_shannon: 0.02,
      psi: 0.02,
    });
    const c = createDriftEngineConfig({ noiseFloorProbability: { psi: 0.005 } });
    expect(c.noiseFloorProbability).toEqual({ normed_wasserstein: 0.05, jensen_shannon: 0.01, psi: 0.005 });
    expect(createDriftEngineConfig(c)).toEqual(c);
    expect(createDriftEngineConfig({ noiseFloorProbability: null }).noiseFloorProbability).toBeNull();
  });
  it('merges partial nested options and is idempotent on a resolved config', () => {
    const c = createDriftEngineConfig({
      mode: 'evidently',
      effectSizeFloors: { psi: 0.2 },
      severity: { medium: 0.3 },
      performance: { minLabelledRows: 100 },
      window: { type: 'count', windowSize: 1000, step: 500 },
    });
    expect(c.effectSizeFloors).toEqual({ normed_wasserstein: 0.1, jensen_shannon: 0.1, psi: 0.2 });
    expect(c.severity).toEqual({ low: 0, medium: 0.3, high: 0.5 });
    expect(c.performance.minLabelledRows).toBe(100);
    expect(c.performance.pValueThreshold).toBe(0.01);
    expect(createDriftEngineConfig(c)).toEqual(c);
  });
  it.each([
    [{ mode: 'strict' }, 'mode'],
    [{ pValueThreshold: 0 }, 'pValueThreshold'],
    [{ pValueThreshold: 1.5 }, 'pValueThreshold'],
    [{ correction: 'holm' }, 'correction'],
    [{ effectSizeFloors: { cohen_d: 0.2 } }, 'effectSizeFloors.cohen_d'],
    [{ effectSizeFloors: { psi: -1 } }, 'effectSizeFloors.psi'],
    [{ effectSizes: { categorical: 'normed_wasserstein' } }, 'effectSizes.categorical'],
    [{ driftShareThreshold: 2 }, 'driftShareThreshold'],
    [{ severity: { low: 0.6 } }, 'severity'],
    [{ severity: { high: Number.NaN } }, 'severity.high'],
    [{ persistenceWindows: 0 }, 'persistenceWindows'],
    [{ chartBins: 1 }, 'chartBins'],
    [{ useImportanceWeights: 'yes' }, 'useImportanceWeights'],
    [{ performance: { pValueThreshold: 0 } }, 'performance.pValueThreshold'],
    [{ performance: { minLabeledRows: 3 } }, 'performance.minLabeledRows'],
    [{ dataQuality: { missingRateChange: 2 } }, 'dataQuality.missingRateChange'],
    [{ pvalueThreshold: 0.01 }, 'pvalueThreshold'],
    [{ window: { type: 'count', windowSize: 0, step: 1 } }, 'window.windowSize'],
    [{ noiseFloorProbability: 0 }, 'noiseFloorProbability'],
    [{ noiseFloorProbability: '0.01' }, 'noiseFloorProbability'],
    [{ noiseFloorProbability: [0.01] }, 'noiseFloorProbability'],
    [{ noiseFloorProbability: { psi: 1 } }, 'noiseFloorProbability.psi'],
    [{ noiseFloorProbability: { jensen_shannon: null } }, 'noiseFloorProbability.jensen_shannon'],
    [{ noiseFloorProbability: { chi_square: 0.01 } }, 'noiseFloorProbability.chi_square'],
  ])('rejects %j naming %s', (options, field) => {
    let error: unknown;
    try {
      createDriftEngineConfig(options as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DriftConfigError);
    expect((error as DriftConfigError).field).toBe(field);
  });
});
