"""Two-sample location tests: Mann-Whitney U and Welch's t against scipy.stats.

Inputs are literal lists or recipes (tests/oracle/recipes.py, rebuilt bit-identically by tests/support/oracle/recipes.ts).
Expected: mannwhitneyu -> {statistic, pValue} (two-sided for every sample, one-sided 'greater' / 'less' for
ONE_SIDED ones, as the domain classifier's test of out-of-fold scores uses); ttest_ind(equal_var=False) -> {statistic, pValue, dof}.
"""
import numpy as np
from scipy import stats

from recipes import build

FIXTURE = "parametric"


def _u(kind, seed, n, loc=0.0, scale=1.0, k=None):
    r = {"kind": kind, "seed": seed, "n": n, "loc": loc, "scale": scale}
    if k is not None:
        r["k"] = k
    return r


def _arr(x):
    return np.asarray(build(x) if isinstance(x, dict) else x, dtype=np.float64)


SAMPLES = [
    ("n5", [0.3, -1.2, 2.5, 0.9, 1.1], [1.4, 2.2, 3.1, 0.8, 2.9]),
    ("n5-ties", [1.0, 2.0, 2.0, 3.0, 3.0], [2.0, 3.0, 3.0, 4.0, 4.0]),
    ("unequal-7-30", _u("normalish", 7, 7, 0.4), _u("normalish", 8, 30)),
    ("unequal-3-200", [5.0, -2.0, 0.5], _u("uniform", 9, 200, -3.0, 6.0)),
    ("ties-integers-k5", _u("integers", 11, 300, k=5), _u("integers", 12, 250, 0.0, 1.0, k=6)),
    ("ties-heavy-1e4", _u("integers", 13, 10000, k=3), _u("integers", 14, 12000, k=3)),
    ("shift-1e5", _u("normalish", 21, 100000, 0.0), _u("normalish", 22, 100000, 0.003)),
    ("ties-1e5", _u("integers", 23, 100000, k=7), _u("integers", 24, 100000, k=7)),
    ("identical-samples", _u("normalish", 31, 500, 10.0, 2.0), _u("normalish", 31, 500, 10.0, 2.0)),
    ("same-values-permuted", [4.0, 1.0, 3.0, 2.0, 5.0, 9.0], [9.0, 5.0, 4.0, 3.0, 2.0, 1.0]),
    ("separated-n200", _u("uniform", 41, 200), _u("uniform", 42, 200, 5.0)),
    ("separated-n500-p1e-165", _u("uniform", 43, 500), _u("uniform", 44, 500, 5.0)),
    ("separated-1e4-underflow", _u("uniform", 45, 10000), _u("uniform", 46, 10000, 5.0)),
    ("large-offset", _u("normalish", 51, 400, 1e6, 1.0), _u("normalish", 52, 300, 1e6 + 0.05, 1.5)),
    ("tiny-scale", _u("normalish", 53, 50, 0.0, 1e-60), _u("normalish", 54, 60, 1e-61, 1e-60)),
    ("separated-n30-n25", _u("normalish", 56, 30), _u("normalish", 57, 25, 1.5)),
    ("separated-1e4-df2e4", _u("normalish", 58, 10000), _u("normalish", 59, 10000, 0.1)),
    ("separated-1e4-t32", _u("normalish", 60, 10000), _u("normalish", 61, 10000, 0.26)),
    ("single-vs-many", [0.5], _u("uniform", 55, 40)),
]


ONE_SIDED = {"n5", "n5-ties", "unequal-7-30", "ties-integers-k5", "shift-1e5", "identical-samples", "separated-n200",
             "separated-n30-n25", "single-vs-many"}


def cases():
    out = []
    for name, a, b in SAMPLES:
        x, y = _arr(a), _arr(b)
        r = stats.mannwhitneyu(x, y, alternative="two-sided", method="asymptotic", use_continuity=True)
        out.append({"id": f"mwu-{name}", "call": "scipy.stats.mannwhitneyu(a, b, alternative='two-sided', method='asymptotic', use_continuity=True)",
                    "inputs": {"test": "mannWhitneyU", "a": a, "b": b},
                    "expected": {"statistic": r.statistic, "pValue": r.pvalue}})
        for alternative in ("greater", "less") if name in ONE_SIDED else ():
            r = stats.mannwhitneyu(x, y, alternative=alternative, method="asymptotic", use_continuity=True)
            out.append({"id": f"mwu-{alternative}-{name}",
                        "call": f"scipy.stats.mannwhitneyu(a, b, alternative='{alternative}', method='asymptotic', use_continuity=True)",
                        "inputs": {"test": f"mannWhitneyU-{alternative}", "a": a, "b": b},
                        "expected": {"statistic": r.statistic, "pValue": r.pvalue}})
        if len(x) >= 2 and len(y) >= 2 and name != "identical-samples":
            t = stats.ttest_ind(x, y, equal_var=False)
            out.append({"id": f"welch-{name}", "call": "scipy.stats.ttest_ind(a, b, equal_var=False)",
                        "inputs": {"test": "welchTTest", "a": a, "b": b},
                        "expected": {"statistic": t.statistic, "pValue": t.pvalue, "dof": t.df}})
    return out
