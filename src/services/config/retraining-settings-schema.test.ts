import { describe, expect, it } from 'vitest';
import { DEFAULT_PROMOTION_RULE, DEFAULT_RETRAINING_POLICY } from '../../domain/retraining-policy.js';
import { RetrainingSettingsSchema } from './monitored-model-definition.js';

describe('the retraining block of a model definition', () => {
  it('accepts exactly the settings of the retraining policy and who trains (no setting the API cannot set, none it does not know)', () => {
    expect(Object.keys(RetrainingSettingsSchema.properties).sort()).toEqual(
      [...Object.keys(DEFAULT_RETRAINING_POLICY), 'trainer'].sort(),
    );
    const promotion = RetrainingSettingsSchema.properties.promotion as unknown as {
      properties: Record<string, unknown>;
    };
    expect(Object.keys(promotion.properties).sort()).toEqual(Object.keys(DEFAULT_PROMOTION_RULE).sort());
  });
});
