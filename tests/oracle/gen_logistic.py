"""scikit-learn LogisticRegression coefficients for driftguard's `logistic` trainer (src/models/logistic-trainer.ts).

Objective of both: C * sum_i w_i * logloss_i + 0.5 * ||beta||^2, intercept unpenalized. Inputs are rebuilt from
the shared LCG (recipes.py) so the literal matrix is stored once in the fixture.
"""
import warnings

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from recipes import lcg_uniforms

FIXTURE = "logistic"


def dataset(seed, n, d, bias):
    u = np.array(lcg_uniforms(seed, n * (d + 1))).reshape(n, d + 1)
    x = (u[:, :d] - 0.5) * np.arange(1, d + 1) * 2.0 + np.arange(d)  # different scales and offsets
    true_beta = np.linspace(1.0, -1.5, d)
    z = (x - np.arange(d)) @ true_beta / np.arange(1, d + 1).sum() * 3 + bias
    y = (u[:, d] < 1 / (1 + np.exp(-z))).astype(float)
    return np.round(x, 6), y


def fit(model, x, y):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(x, y)
    return model


def cases():
    out = []
    for cid, seed, n, d, bias, c, cw in [
        ("c1", 1, 300, 4, 0.0, 1.0, None),
        ("c-small", 2, 300, 4, 0.3, 0.01, None),
        ("c-large", 3, 200, 3, -0.2, 100.0, None),
        ("balanced", 4, 400, 5, -2.0, 1.0, "balanced"),
        ("explicit-weights", 5, 250, 3, 0.5, 0.5, {0.0: 1.0, 1.0: 3.0}),
    ]:
        x, y = dataset(seed, n, d, bias)
        lr = fit(LogisticRegression(C=c, class_weight=cw, solver="newton-cholesky", tol=1e-12, max_iter=1000), x, y)
        out.append({
            "id": f"raw-{cid}",
            "call": f"LogisticRegression(C={c}, class_weight={cw!r}, solver='newton-cholesky', tol=1e-12).fit(x, y)",
            "inputs": {"x": x, "y": y, "C": c,
                       "classWeight": None if cw is None else (cw if isinstance(cw, str) else {"negative": cw[0.0], "positive": cw[1.0]})},
            "expected": {"coef": lr.coef_[0], "intercept": lr.intercept_[0],
                         "proba": lr.predict_proba(x[:10])[:, 1]},
        })
    x, y = dataset(7, 300, 3, 0.2)
    pipe = fit(make_pipeline(StandardScaler(), LogisticRegression(C=0.3, solver="newton-cholesky", tol=1e-12)), x, y)
    lr = pipe[-1]
    out.append({
        "id": "scaled-pipeline",
        "call": "make_pipeline(StandardScaler(), LogisticRegression(C=0.3, solver='newton-cholesky', tol=1e-12)).fit(x, y)",
        "inputs": {"x": x, "y": y, "C": 0.3, "classWeight": None},
        "expected": {"coef": lr.coef_[0], "intercept": lr.intercept_[0], "proba": pipe.predict_proba(x[:10])[:, 1],
                     "mean": pipe[0].mean_, "scale": pipe[0].scale_},
    })
    return out
