"""Oracle for cramerVonMises: scipy.stats.cramervonmises_2samp(a, b, method='asymptotic'), scipy 1.17.

Large inputs are recipes (see recipes.py). Covers tiny samples, the minimum size 2, ties (mid-ranks),
unequal sizes, 1e4 and 1e5 values, identical samples (p = 1) and extreme separations.
"""
from scipy import stats

from sample_inputs import ints, materialize, nrm, u

FIXTURE = "cramer_von_mises"
CALL = "scipy.stats.cramervonmises_2samp(a, b, method='asymptotic')"


CASES = [
    ("tiny-n5-overlap", [0.1, 2.5, 1.3, 4.2, 3.3], [1.1, 2.2, 5.1, 0.4, 3.9]),
    ("tiny-n5-separated", [1.0, 2.0, 3.0, 4.0, 5.0], [6.0, 7.0, 8.0, 9.0, 10.0]),
    ("minimum-n2-vs-n3", [0.5, 0.25], [0.1, 0.7, 0.9]),
    ("identical-samples", [3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0], [3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0]),
    ("all-equal-values", [2.0, 2.0, 2.0], [2.0, 2.0]),
    ("ties-integers-50-60", ints(11, 50, 5), ints(12, 60, 5)),
    ("ties-integers-2000-3000-shift", ints(13, 2000, 7), ints(14, 3000, 7, loc=1.0)),
    ("unequal-30-47", nrm(21, 30), nrm(22, 47, loc=0.3)),
    ("unequal-200-313", u(23, 200), u(24, 313, loc=0.05)),
    ("small-p-1e-4", nrm(25, 400), nrm(26, 400, loc=0.15)),
    ("small-p-1e-6", nrm(25, 400), nrm(26, 400, loc=0.2)),
    ("series-noise-p-1e-9", nrm(25, 400), nrm(26, 400, loc=0.25)),
    ("1e4-vs-1e4-same", nrm(31, 10000), nrm(32, 10000)),
    ("1e4-vs-1e4-shift", nrm(33, 10000), nrm(34, 10000, loc=0.02)),
    ("1e5-vs-1e5-same", nrm(48, 100000), nrm(49, 100000)),
    ("1e5-vs-1e5-small-shift", nrm(50, 100000), nrm(51, 100000, loc=0.005)),
    ("1e5-vs-1e5-ties", ints(58, 100000, 20), ints(59, 100000, 20)),
    ("separated-1e3-vs-2e3", u(27, 1000), u(28, 2000, loc=1.0)),
    ("separated-1e5-vs-1e5", u(54, 100000), u(55, 100000, loc=1.0)),
]


def cases():
    out = []
    for case_id, a, b in CASES:
        res = stats.cramervonmises_2samp(materialize(a), materialize(b), method="asymptotic")
        out.append({
            "id": case_id,
            "call": CALL,
            "inputs": {"a": a, "b": b},
            "expected": {"statistic": res.statistic, "pValue": res.pvalue},
        })
    return out


if __name__ == "__main__":
    for c in cases():
        print(c["id"], c["expected"])
