"""scikit-learn HistGradientBoosting predictions for driftguard's `gbdt` trainer (src/models/gbdt-trainer.ts).

With at most 255 distinct values per feature both bin every distinct value, grow trees leaf-wise by the same
gain, leaf = -G / (H + l2) * learning_rate, and start from the log-odds (binary) / mean (regression). sklearn
accumulates gradients in float32, so predictions agree to ~1e-5, not to the last bit.
"""
import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor

from recipes import lcg_uniforms

FIXTURE = "gbdt"


def dataset(seed, n, with_missing):
    u = np.array(lcg_uniforms(seed, n * 4)).reshape(n, 4)
    x = np.round((u[:, :3] - 0.5) * np.array([4.0, 2.0, 10.0]), 2)
    z = 2 * x[:, 0] + np.where(x[:, 1] > 0.3, 1.5, -1.0) + 0.1 * x[:, 2] ** 2 - 1.0
    if with_missing:
        x[(np.arange(n) % 7) == 3, 1] = np.nan
    return x, z, u[:, 3]


def cases():
    out = []
    params = dict(max_iter=15, learning_rate=0.3, max_leaf_nodes=6, min_samples_leaf=10, l2_regularization=0.5,
                  early_stopping=False, max_bins=255)
    for cid, seed, missing in [("plain", 11, False), ("missing", 12, True)]:
        x, z, noise = dataset(seed, 200, missing)
        y = (noise < 1 / (1 + np.exp(-z))).astype(float)
        clf = HistGradientBoostingClassifier(**params).fit(x, y)
        out.append({
            "id": f"classifier-{cid}",
            "call": f"HistGradientBoostingClassifier(**{params}).fit(x, y).predict_proba(x)[:, 1]",
            "inputs": {"x": np.where(np.isnan(x), None, x).tolist(), "y": y, "params": params},
            "expected": {"proba": clf.predict_proba(x)[:, 1], "baseline": float(clf._baseline_prediction.ravel()[0])},
        })
        target = z + 0.2 * (noise - 0.5)
        reg = HistGradientBoostingRegressor(**params).fit(x, target)
        out.append({
            "id": f"regressor-{cid}",
            "call": f"HistGradientBoostingRegressor(**{params}).fit(x, y).predict(x)",
            "inputs": {"x": np.where(np.isnan(x), None, x).tolist(), "y": target, "params": params},
            "expected": {"prediction": reg.predict(x), "baseline": float(reg._baseline_prediction.ravel()[0])},
        })
    return out
