"""Binary-classification streams for the CBPE oracle, rebuilt bit for bit by tests/support/estimation-data.ts.

A segment is {"scores": recipe, "noise": recipe, "truth": rule}: scores s from a recipe (tests/oracle/recipes.py),
the true P(y = 1 | s) = q(s) by rule, label y = 1 when the noise uniform u < q(s), predicted class s > 0.5.
Rules use only + and *, which IEEE 754 rounds identically in Python and JavaScript:
  identity  q = s                 (calibrated scores)
  square    q = s * s             (over-confident scores: calibration needed)
  affine    q = 0.2 + 0.6 * s     (under-confident)
  lifted    q = 0.3 + 0.7 * s     (majority positive)
A stream is a list of segments concatenated in order (e.g. a covariate or concept shift half-way).
"""
from recipes import build

RULES = {
    "identity": lambda s: s,
    "square": lambda s: s * s,
    "affine": lambda s: 0.2 + 0.6 * s,
    "lifted": lambda s: 0.3 + 0.7 * s,
}


def stream(segments):
    scores, labels, predictions = [], [], []
    for segment in segments:
        s = build(segment["scores"])
        u = build(segment["noise"])
        rule = RULES[segment["truth"]]
        for si, ui in zip(s, u):
            scores.append(si)
            labels.append(1 if ui < rule(si) else 0)
            predictions.append(1 if si > 0.5 else 0)
    return scores, labels, predictions
