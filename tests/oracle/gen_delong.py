"""Expected values of src/models/evaluation/delong-test.ts: DeLong test of two correlated ROC AUCs.

Reference: the ORIGINAL O(m*n) formulation of DeLong, DeLong & Clarke-Pearson, "Comparing the areas under two or
more correlated receiver operating characteristic curves: a nonparametric approach", Biometrics 44(3), 837-845
(1988): placement values V10/V01 from the kernel psi(x, y) = 1 if x > y, 1/2 if x == y, else 0, covariance
S = S10/m + S01/n, z = (auc_b - auc_a) / sqrt(var), p = 2 * scipy.stats.norm.sf(|z|). The TypeScript side
implements the fast midrank algorithm of Sun & Xu, "Fast implementation of DeLong's algorithm for comparing the
areas under correlated receiver operating characteristic curves", IEEE Signal Processing Letters 21(11),
1389-1393 (2014) (as in github.com/yandexdataschool/roc_comparison, compare_auc_delong_xu.py); this generator
also runs that algorithm (with scipy.stats.rankdata) and asserts both agree before emitting a case.
"""
import numpy as np
from scipy.stats import norm, rankdata
from sklearn.metrics import roc_auc_score

from gen_evaluation import arr, informative
from recipes import build

FIXTURE = "delong"


def delong_pairwise(y, a, b):
    """Original DeLong et al. (1988): placement values from the pairwise kernel, O(m*n)."""
    out = []
    for s in (a, b):
        x, z = s[y == 1], s[y == 0]
        psi = (x[:, None] > z[None, :]).astype(float) + 0.5 * (x[:, None] == z[None, :])
        out.append((psi.mean(), psi.mean(axis=1), psi.mean(axis=0)))
    (auc_a, v10_a, v01_a), (auc_b, v10_b, v01_b) = out
    m, n = len(v10_a), len(v01_a)
    s10 = np.cov(np.vstack([v10_a, v10_b]))
    s01 = np.cov(np.vstack([v01_a, v01_b]))
    s = s10 / m + s01 / n
    var = s[0, 0] + s[1, 1] - 2 * s[0, 1]
    return auc_a, auc_b, var


def delong_fast(y, a, b):
    """Sun & Xu (2014) midrank algorithm, for the self-check only."""
    res = []
    for s in (a, b):
        x, z = s[y == 1], s[y == 0]
        m, n = len(x), len(z)
        tx, tz_y, tz = rankdata(x), rankdata(z), rankdata(np.concatenate([x, z]))
        auc = (tz[:m].sum() - m * (m + 1) / 2) / (m * n)
        res.append((auc, (tz[:m] - tx) / n, 1.0 - (tz[m:] - tz_y) / m))
    m, n = len(res[0][1]), len(res[0][2])
    s10 = np.cov(np.vstack([res[0][1], res[1][1]]))
    s01 = np.cov(np.vstack([res[0][2], res[1][2]]))
    s = s10 / m + s01 / n
    return res[0][0], res[1][0], s[0, 0] + s[1, 1] - 2 * s[0, 1]


def delong_case(case_id, y_in, a_in, b_in):
    y, a, b = arr(y_in), arr(a_in), arr(b_in)
    auc_a, auc_b, var = delong_pairwise(y, a, b)
    fa, fb, fvar = delong_fast(y, a, b)
    assert abs(fa - auc_a) < 1e-12 and abs(fb - auc_b) < 1e-12 and abs(fvar - var) <= 1e-12 * abs(var)
    assert abs(auc_a - roc_auc_score(y, a)) < 1e-12 and abs(auc_b - roc_auc_score(y, b)) < 1e-12
    se = float(np.sqrt(var))
    z = (auc_b - auc_a) / se
    return {"id": f"delong-{case_id}",
            "call": "DeLong et al. 1988 pairwise placement values (numpy, see module doc); z = (auc_b - auc_a) / "
                    "sqrt(var); p = scipy.stats.norm.sf(abs(z)) * 2",
            "inputs": {"yTrue": y_in, "scoresA": a_in, "scoresB": b_in},
            "expected": {"aucA": auc_a, "aucB": auc_b, "standardError": se, "z": z, "pValue": 2 * norm.sf(abs(z))}}


def cases():
    y_rec = {"kind": "integers", "seed": 41, "n": 400, "k": 2, "loc": 0.0, "scale": 1.0}
    y400 = build(y_rec)
    y_big = build({"kind": "integers", "seed": 51, "n": 3000, "k": 2})
    return [
        delong_case("small-ties", [0, 0, 1, 1, 0, 1, 0, 1, 1, 0], [0.1, 0.4, 0.35, 0.8, 0.4, 0.9, 0.2, 0.4, 0.6, 0.3],
                    [0.2, 0.3, 0.5, 0.7, 0.5, 0.5, 0.1, 0.6, 0.9, 0.5]),
        delong_case("n400", y_rec, informative(y400, 42, 0.25, 2), informative(y400, 43, 0.35, 2)),
        delong_case("n3000-coarse-ties", y_big, informative(y_big, 52, 0.3, 3), informative(y_big, 53, 0.32, 1)),
        delong_case("recipes-independent", {"kind": "integers", "seed": 61, "n": 1000, "k": 2},
                    {"kind": "uniform", "seed": 62, "n": 1000}, {"kind": "integers", "seed": 63, "n": 1000, "k": 9}),
    ]
