import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { positiveClassOf } from './positive-class.js';

describe('positiveClassOf', () => {
  it("is scikit-learn's classes_[1]: numbers ascending, strings by code point, whatever the graph's order", () => {
    expect(positiveClassOf([1, 0])).toBe(1);
    expect(positiveClassOf([10, 9])).toBe(10); // numeric, not string, order
    expect(positiveClassOf(['yes', 'no'])).toBe('yes');
    expect(positiveClassOf(['b', 'B'])).toBe('b'); // 'B' (66) < 'b' (98), as np.unique sorts
  });

  it('takes the declared class in string form, and refuses one that is not a label or a non-binary list', () => {
    expect(positiveClassOf([0, 1], '0')).toBe(0);
    expect(positiveClassOf(['no', 'yes'], 'no')).toBe('no');
    expect(() => positiveClassOf([0, 1], 'yes')).toThrow(
      /positiveClass: "yes" is not one of the model's class labels \[0,1\]/,
    );
    expect(() => positiveClassOf([0, 1, 2])).toThrow(/classLabels: a binary classifier has 2 class labels/);
  });

  it('property: the default is always the larger of the two labels, independent of their order', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer(), (a, b) => {
        fc.pre(a !== b);
        expect(positiveClassOf([a, b])).toBe(Math.max(a, b));
        expect(positiveClassOf([a, b])).toBe(positiveClassOf([b, a]));
      }),
    );
  });
});
