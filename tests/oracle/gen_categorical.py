"""Categorical tests against scipy: chi2_contingency (Pearson and log-likelihood), fisher_exact, and the pooled
two-proportion z-test.

chi-square / G: columns that are 0 in both rows are dropped before calling scipy (scipy raises on them; driftguard
drops them and says so), so `call` names the reduced table. statsmodels is not installed: the z-test expectation is
the textbook formula of statsmodels.stats.proportion.proportions_ztest([x1, x2], [n1, n2]) evaluated with numpy and
scipy.stats.norm.sf (see z_test below).
"""
import numpy as np
from scipy import stats

from recipes import lcg_uniforms

FIXTURE = "categorical"


def _counts(seed, k, scale, zero_every=0):
    """Deterministic integer counts: floor(scale * u) with every `zero_every`-th category forced to 0."""
    out = [float(int(scale * u)) for u in lcg_uniforms(seed, k)]
    if zero_every:
        out = [0.0 if i % zero_every == 0 else v for i, v in enumerate(out)]
    return out


TABLES = [
    ("k3-small", [10, 20, 30], [12, 18, 35]),
    ("k2", [5, 9], [11, 3]),
    ("k5-one-zero-cell", [4, 0, 7, 9, 2], [3, 5, 6, 1, 8]),
    ("k50", _counts(1, 50, 500.0), _counts(2, 50, 520.0)),
    ("k50-similar", _counts(3, 50, 1000.0), _counts(3, 50, 1000.0)[:-1] + [500.0]),
    ("k40-many-zero-cells", _counts(4, 40, 20.0, zero_every=2), _counts(5, 40, 20.0, zero_every=3)),
    ("huge-counts", [3e11, 5e11, 2e11], [3.0001e11, 4.9998e11, 2.0001e11]),
    ("huge-counts-1e9", [1e9, 2e9, 3e9 + 7], [2e9 + 1, 4e9 - 3, 6e9 + 5]),
    ("identical-rows", [7, 1, 13, 40], [7, 1, 13, 40]),
    ("proportional-rows", [3, 6, 9], [30, 60, 90]),
    ("separated-p-underflow", [1e6, 1.0, 1.0], [1.0, 1e6, 1.0]),
    ("separated-p-1e-176", [6000, 4000], [4000, 6000]),
    ("k50-moderate", _counts(6, 50, 1000.0), [a + b for a, b in zip(_counts(6, 50, 1000.0), _counts(7, 50, 60.0))]),
    ("zero-in-both-rows", [10, 0, 20, 0, 5], [12, 0, 18, 3, 0]),
    ("one-column-left", [5, 0, 0], [7, 0, 0]),
    ("non-integer-counts", [1.5, 2.5, 10.25], [3.25, 0.75, 9.0]),
    ("tiny-counts", [1, 0], [0, 1]),
]


def _reduce(ref, cur):
    keep = [i for i in range(len(ref)) if ref[i] > 0 or cur[i] > 0]
    return [ref[i] for i in keep], [cur[i] for i in keep]


def z_test(x1, n1, x2, n2):
    """statsmodels proportions_ztest([x1, x2], [n1, n2]) two-sided, value=0, prop_var=False, written out."""
    count = np.asarray([x1, x2], dtype=float)
    nobs = np.asarray([n1, n2], dtype=float)
    prop = count / nobs
    p_pooled = np.sum(count) / np.sum(nobs)
    var_ = p_pooled * (1 - p_pooled) * np.sum(1.0 / nobs)
    z = (prop[0] - prop[1]) / np.sqrt(var_)
    return z, 2 * stats.norm.sf(np.abs(z))


FISHER = [
    [[8, 2], [1, 5]], [[1, 9], [11, 3]], [[0, 5], [5, 0]], [[3, 3], [3, 3]], [[2, 7], [8, 2]], [[40, 60], [60, 40]],
    [[1000, 1200], [1200, 1000]], [[100, 200], [300, 50]], [[100000, 99000], [98000, 101000]], [[5, 0], [3, 4]],
    [[0, 4], [6, 2]], [[10000, 1], [1, 10000]], [[12, 5], [7, 7]], [[1, 0], [0, 1]], [[500, 3], [2, 500]],
    [[21, 9], [14, 23]], [[7, 12], [0, 15]],
]

Z_TESTS = [(5, 10, 6, 10), (0, 50, 10, 50), (1000, 100000, 1200, 100000), (1, 3, 2, 7), (300, 1000, 400, 1000),
           (10000, 20000, 12000, 20000), (0, 1000000, 500000, 1000000), (7, 7, 3, 9), (49, 100, 51, 100)]


def cases():
    out = []
    for name, ref, cur in TABLES:
        r, c = _reduce([float(v) for v in ref], [float(v) for v in cur])
        table = np.array([r, c], dtype=float)
        for fn, lam in (("chiSquareTest", None), ("gTest", "log-likelihood")):
            if lam is None:
                res = stats.chi2_contingency(table, correction=False)
                call = "scipy.stats.chi2_contingency([ref, cur], correction=False)"
            else:
                res = stats.chi2_contingency(table, correction=False, lambda_=lam)
                call = "scipy.stats.chi2_contingency([ref, cur], correction=False, lambda_='log-likelihood')"
            if len(r) != len(ref):
                call += " on the table without its all-zero columns"
            out.append({"id": f"{fn}-{name}", "call": call, "inputs": {"test": fn, "ref": ref, "cur": cur},
                        "expected": {"statistic": res.statistic, "pValue": res.pvalue, "dof": res.dof}})
    for table in FISHER:
        res = stats.fisher_exact(table)
        odds = float(res.statistic)
        out.append({"id": f"fisherExact-{table}", "call": "scipy.stats.fisher_exact(table)",
                    "inputs": {"test": "fisherExact", "table": table},
                    "expected": {"pValue": res.pvalue, "oddsRatio": odds if np.isfinite(odds) else "Infinity"}})
    for x1, n1, x2, n2 in Z_TESTS:
        if 0 < x1 + x2 < n1 + n2:
            z, p = z_test(x1, n1, x2, n2)
            out.append({"id": f"zTestProportions-{x1}-{n1}-{x2}-{n2}",
                        "call": "statsmodels proportions_ztest([x1, x2], [n1, n2]) two-sided, as z = (x1/n1 - x2/n2)/sqrt(p(1-p)(1/n1 + 1/n2)), p = 2*scipy.stats.norm.sf(|z|)",
                        "inputs": {"test": "zTestProportions", "args": [x1, n1, x2, n2]},
                        "expected": {"statistic": z, "pValue": p}})
    return out
