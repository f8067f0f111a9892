import { describe, expect, it } from 'vitest';
import { definitionProblems } from './definition-problems.js';
import type { MonitoredModelDefinition } from './monitored-model-definition.js';
import { ConfigError, parseServiceConfig } from './service-config.js';

const configWith = (multivariate: unknown) => ({ models: [{ name: 'credit', drift: { multivariate } }] });

function problemsOf(multivariate: unknown): string[] {
  try {
    parseServiceConfig(configWith(multivariate), 'driftguard.json');
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('drift.multivariate in a model definition', () => {
  it('accepts the documented settings, defaults and all', () => {
    expect(problemsOf({})).toEqual([]);
    expect(
      problemsOf({
        enabled: true,
        method: 'pca',
        everyWindows: 3,
        topFeatureCount: 3,
        seed: 7,
        classifier: { aucFloor: 0.55, folds: 3 },
        pca: { varianceShare: 0.8, referenceErrors: 'in-sample' },
        mmd: { permutations: 200 },
      }),
    ).toEqual([]);
  });

  it('refuses bad values naming the field', () => {
    expect(problemsOf({ method: 'lstm' }).join()).toMatch(/\/models\/0\/drift\/multivariate\/method/);
    expect(problemsOf({ everyWindows: 0 }).join()).toMatch(/\/models\/0\/drift\/multivariate\/everyWindows/);
    expect(problemsOf({ enabled: 'yes' }).join()).toMatch(/\/models\/0\/drift\/multivariate\/enabled/);
    expect(problemsOf({ classifier: { folds: 1 } }).join()).toMatch(/\/drift\/multivariate\/classifier\/folds/);
    expect(problemsOf({ mmd: { maxRowsPerSide: 5000 } }).join()).toMatch(/\/drift\/multivariate\/mmd\/maxRowsPerSide/);
    expect(problemsOf({ cadence: 2 }).join()).toMatch(/\/drift\/multivariate: unknown field.*cadence/);
  });

  it('is checked by the detector’s own rules too, with a JSON Pointer', () => {
    const definition = {
      name: 'credit',
      drift: { multivariate: { classifier: { aucFloor: 0.4 } } },
    } as unknown as MonitoredModelDefinition;
    expect(definitionProblems(definition)).toEqual([
      { path: '/drift/multivariate/classifier/aucFloor', reason: expect.stringMatching(/0\.5, 1/) },
    ]);
    expect(definitionProblems({ name: 'credit', drift: { multivariate: { method: 'mmd', everyWindows: 2 } } })).toEqual(
      [],
    );
  });
});
