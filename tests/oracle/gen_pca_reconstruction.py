"""Expected values of src/drift/multivariate/reconstruction-drift.ts: PCA reconstruction-error drift.

Reference: NannyML's DataReconstructionDriftCalculator (nannyml/drift/multivariate/data_reconstruction), rebuilt
from its scikit-learn parts because NannyML needs its own venv: SimpleImputer(strategy='mean') for numeric and
SimpleImputer(strategy='most_frequent') for categorical columns, category_encoders.CountEncoder(normalize=True)
(the category's share in the imputed reference; an unseen category gets 0 here), StandardScaler(),
PCA(n_components=0.65, svd_solver='full'); error of a row = ||x - pca.inverse_transform(pca.transform(x))||_2;
bounds = mean +- 3 * std(ddof=1) of the mean errors of consecutive reference chunks (driftguard: chunk size =
min(current rows, reference rows // 5), lower bound clipped at 0). Per-column mean squared residuals are the
attribution's inputs. Data: numpy default_rng, rounded to 6 decimals, stored literally (None = missing).
"""
import numpy as np
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler

FIXTURE = "pca_reconstruction"
NUMERIC = ["a", "b", "c"]
CATEGORICAL = ["cat"]


def make(rng, n, flipped=False, missing=0.0):
    a = rng.normal(size=n)
    b = (-0.8 if flipped else 0.8) * a + 0.6 * rng.normal(size=n)
    c = rng.normal(size=n) * 2 + 5
    c[rng.random(n) < missing] = np.nan
    cat = np.where(a > 0.5, "hi", np.where(a < -0.5, "lo", "mid")).astype(object)
    cat[rng.random(n) < 0.1] = "rare"
    cat[rng.random(n) < missing] = None
    return {"a": a.round(6), "b": b.round(6), "c": c.round(6), "cat": cat}


def as_json(cols):
    out = {}
    for k, v in cols.items():
        out[k] = [None if (x is None or (isinstance(x, float) and np.isnan(x))) else (float(x) if k in NUMERIC else x) for x in v]
    return out


def encode(cols, fit):
    """Imputed, count-encoded matrix of cols with the statistics of fit."""
    columns = []
    for k in NUMERIC:
        ref = np.asarray(fit[k], dtype=float)
        x = np.asarray(cols[k], dtype=float).copy()
        x[np.isnan(x)] = np.nanmean(ref)
        columns.append(x)
    for k in CATEGORICAL:
        ref = np.array([v for v in fit[k]], dtype=object)
        present = [v for v in ref if v is not None]
        values, counts = np.unique(np.array(present, dtype=str), return_counts=True)
        mode = values[np.argmax(counts)]  # SimpleImputer(most_frequent): the smallest of the most frequent
        imputed_ref = np.array([mode if v is None else v for v in ref], dtype=str)
        uv, uc = np.unique(imputed_ref, return_counts=True)
        share = dict(zip(uv, uc / len(imputed_ref)))
        columns.append(np.array([share.get(mode if v is None else v, 0.0) for v in cols[k]], dtype=float))
    return np.column_stack(columns)


def case(case_id, seed, n_ref, n_cur, flipped, missing):
    rng = np.random.default_rng(seed)
    ref = as_json(make(rng, n_ref, missing=missing))
    cur = as_json(make(rng, n_cur, flipped=flipped, missing=missing))
    scaler = StandardScaler().fit(encode(ref, ref))
    zr, zc = scaler.transform(encode(ref, ref)), scaler.transform(encode(cur, ref))
    pca = PCA(n_components=0.65, svd_solver="full").fit(zr)
    res_r = zr - pca.inverse_transform(pca.transform(zr))
    res_c = zc - pca.inverse_transform(pca.transform(zc))
    err_r, err_c = np.linalg.norm(res_r, axis=1), np.linalg.norm(res_c, axis=1)
    chunk = min(n_cur, n_ref // 5)
    chunks = n_ref // chunk
    means = np.array([err_r[i * chunk:(i + 1) * chunk].mean() for i in range(chunks)])
    upper = means.mean() + 3 * means.std(ddof=1)
    lower = max(0.0, means.mean() - 3 * means.std(ddof=1))
    stat = err_c.mean()
    return {"id": f"pca-{case_id}",
            "call": "NannyML DataReconstructionDriftCalculator steps in scikit-learn (see module doc): StandardScaler, "
                    "PCA(n_components=0.65, svd_solver='full'), chunk means, mean +- 3 std(ddof=1)",
            "inputs": {"reference": ref, "current": cur},
            "expected": {"components": int(pca.n_components_), "explainedVariance": float(pca.explained_variance_ratio_.sum()),
                         "chunkSize": chunk, "referenceChunks": chunks, "upper": upper, "lower": lower, "statistic": stat,
                         "drifted": bool(stat > upper or stat < lower),
                         "residualIncrease": ((res_c ** 2).mean(axis=0) - (res_r ** 2).mean(axis=0)).tolist()}}


def cases():
    return [
        case("iid", 81, 600, 150, False, 0.0),
        case("flipped-correlation", 82, 600, 150, True, 0.0),
        case("missing-values", 83, 500, 200, False, 0.08),
        case("small-current", 84, 400, 30, True, 0.05),
    ]
