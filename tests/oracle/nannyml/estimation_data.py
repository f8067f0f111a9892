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


CLASSES = ["a", "b", "c"]


def multiclass_stream(segments):
    """Three classes: raw weights u_k from the segment's three score recipes, scores p_k = u_k / (u_a + u_b + u_c);
    the true class probabilities are sharper than the scores, q_k = p_k² / Σ p_j² (scores under-confident); the
    label is the first class whose cumulative q exceeds the noise uniform; the predicted class is the arg-max score
    (first on ties)."""
    scores, labels, predictions = [[], [], []], [], []
    for segment in segments:
        weights = [build(r) for r in segment["scores"]]
        u = build(segment["noise"])
        for i in range(len(u)):
            total = (weights[0][i] + weights[1][i]) + weights[2][i]
            p = [weights[k][i] / total for k in range(3)]
            squares = [p[k] * p[k] for k in range(3)]
            norm = (squares[0] + squares[1]) + squares[2]
            q0 = squares[0] / norm
            q1 = q0 + squares[1] / norm
            labels.append(0 if u[i] < q0 else 1 if u[i] < q1 else 2)
            best = 0
            for k in (1, 2):
                if p[k] > p[best]:
                    best = k
            predictions.append(best)
            for k in range(3):
                scores[k].append(p[k])
    return scores, labels, predictions


def regression_stream(segments):
    """Two inputs from uniform recipes, a model that predicts the conditional mean ŷ = x1 + 2·x2, and a target whose
    noise grows with x1: y = ŷ + (u − 0.5)·(0.2 + 2·x1) — so a shift of x1 changes the model's error."""
    x1, x2, predictions, targets = [], [], [], []
    for segment in segments:
        a, b, u = build(segment["x1"]), build(segment["x2"]), build(segment["noise"])
        for i in range(len(u)):
            mean = a[i] + 2.0 * b[i]
            x1.append(a[i])
            x2.append(b[i])
            predictions.append(mean)
            targets.append(mean + (u[i] - 0.5) * (0.2 + 2.0 * a[i]))
    return x1, x2, predictions, targets
