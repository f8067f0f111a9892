"""Oracle for ksTwoSample: scipy.stats.ks_2samp(a, b) (two-sided, method='auto'), scipy 1.17.

Large inputs are recipes (see recipes.py); both languages rebuild the identical doubles.
Covers tiny samples, n=1, ties, unequal sizes, the exact/asymptotic switch at max(n1, n2) = 10000,
every branch of kstwo.sf (Ruben-Gambino, Durbin matrix, Pomeranz, Pelz-Good, Smirnov) and p underflow.
"""
import warnings

from scipy import stats

from sample_inputs import ints, materialize, nrm, u

FIXTURE = "ks_two_sample"
CALL = "scipy.stats.ks_2samp(a, b)"


CASES = [
    ("tiny-n5-overlap", [0.1, 2.5, 1.3, 4.2, 3.3], [1.1, 2.2, 5.1, 0.4, 3.9]),
    ("tiny-n5-separated", [1.0, 2.0, 3.0, 4.0, 5.0], [6.0, 7.0, 8.0, 9.0, 10.0]),
    ("n1-vs-n3", [0.5], [0.1, 0.7, 0.9]),
    ("n1-vs-n1", [0.5], [0.7]),
    ("n3-vs-n1-equal-value", [0.5, 0.5, 0.5], [0.5]),
    ("identical-samples", [3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0], [3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0]),
    ("ties-integers-50-60", ints(11, 50, 5), ints(12, 60, 5)),
    ("ties-integers-2000-3000-shift", ints(13, 2000, 7), ints(14, 3000, 7, loc=1.0)),
    ("unequal-30-47", nrm(21, 30), nrm(22, 47, loc=0.3)),
    ("unequal-200-313", u(23, 200), u(24, 313, loc=0.05)),
    ("exact-separated-500", u(25, 500), u(26, 500, loc=1.0)),
    ("exact-separated-1000-underflow", u(27, 1000), u(28, 1000, loc=1.0)),
    ("exact-separated-300-700", u(29, 300), u(30, 700, loc=1.0)),
    ("exact-1e4-vs-1e4", nrm(31, 10000), nrm(32, 10000)),
    ("exact-1e4-vs-1e4-shift", nrm(33, 10000), nrm(34, 10000, loc=0.05)),
    ("exact-boundary-10000-vs-7000", nrm(35, 10000), nrm(36, 7000, loc=0.02)),
    ("asymp-boundary-10001-vs-7000", nrm(37, 10001), nrm(38, 7000, loc=0.02)),
    ("asymp-ruben-gambino-1-vs-20000", [0.3], u(39, 20000)),
    ("asymp-durbin-10001-vs-50", nrm(40, 10001), nrm(41, 50)),
    ("asymp-pomeranz-10001-vs-50", nrm(42, 10001), nrm(43, 50, loc=0.35)),
    ("asymp-smirnov-small-10001-vs-50", nrm(44, 10001), nrm(45, 50, loc=0.9)),
    ("asymp-pelz-good-10001-vs-500", nrm(46, 10001), nrm(47, 500)),
    ("asymp-durbin-10001-vs-150-grid", u(62, 10001), [(i + 0.5) / 150 for i in range(150)]),
    ("asymp-1e5-vs-1e5-same", nrm(48, 100000), nrm(49, 100000)),
    ("asymp-1e5-vs-1e5-small-shift", nrm(50, 100000), nrm(51, 100000, loc=0.01)),
    ("asymp-1e5-vs-1e5-shift-tiny-p", nrm(52, 100000), nrm(53, 100000, loc=0.05)),
    ("asymp-1e5-vs-1e5-separated", u(54, 100000), u(55, 100000, loc=1.0)),
    ("asymp-20000-vs-30000-subnormal-p", nrm(56, 20000), nrm(57, 30000, loc=0.265)),
    ("asymp-ties-1e5-integers", ints(58, 100000, 20), ints(59, 100000, 20)),
    ("asymp-pelz-good-250000", nrm(60, 250000), nrm(61, 250000)),
]


def cases():
    out = []
    for case_id, a, b in CASES:
        xa, xb = materialize(a), materialize(b)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            res = stats.ks_2samp(xa, xb)
        out.append({
            "id": case_id,
            "call": CALL,
            "inputs": {"a": a, "b": b},
            "expected": {"statistic": res.statistic, "pValue": res.pvalue,
                         "warnings": [str(w.message) for w in caught]},
        })
    return out


if __name__ == "__main__":
    for c in cases():
        print(c["id"], c["expected"])
