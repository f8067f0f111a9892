"""Oracle for andersonDarlingKSample: scipy.stats.anderson_ksamp(samples) (midrank default), scipy 1.17.

scipy 1.17 warns that `midrank` is deprecated in favour of `variant`; the default call still computes the
mid-rank statistic A2akN and returns (statistic, critical_values, pvalue) with the p-value capped to
[0.001, 0.25]. Large inputs are recipes (see recipes.py).
"""
import warnings

from scipy import stats

from sample_inputs import ints, materialize, nrm, u

FIXTURE = "anderson_darling_k_sample"
CALL = "scipy.stats.anderson_ksamp(samples)"


CASES = [
    ("tiny-n5-overlap", [[0.1, 2.5, 1.3, 4.2, 3.3], [1.1, 2.2, 5.1, 0.4, 3.9]]),
    ("tiny-n5-separated", [[1.0, 2.0, 3.0, 4.0, 5.0], [6.0, 7.0, 8.0, 9.0, 10.0]]),
    ("minimum-n1-vs-n3", [[0.5], [0.1, 0.7, 0.9]]),
    ("identical-samples", [[3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0]] * 2),
    ("three-samples-interpolated", [nrm(1, 40), nrm(2, 50, loc=0.15), nrm(3, 60, loc=0.225)]),
    ("three-samples-floored", [nrm(1, 40), nrm(2, 50, loc=0.3), nrm(3, 60, loc=0.5)]),
    ("ten-samples-small", [nrm(100 + i, 12, loc=0.05 * i) for i in range(10)]),
    ("ties-integers-50-60", [ints(11, 50, 5), ints(12, 60, 5)]),
    ("ties-integers-three-shift", [ints(13, 200, 7), ints(14, 300, 7, loc=1.0), ints(15, 100, 7)]),
    ("unequal-30-47", [nrm(21, 30), nrm(22, 47, loc=0.3)]),
    ("unequal-200-313", [u(23, 200), u(24, 313, loc=0.05)]),
    ("interpolated-near-0.01", [nrm(25, 400), nrm(26, 400, loc=0.1)]),
    ("interpolated-near-0.1", [nrm(25, 400), nrm(26, 400, loc=0.06)]),
    ("1e4-two-samples", [nrm(31, 5000), nrm(32, 5000, loc=0.03)]),
    ("1e5-two-samples", [nrm(48, 50000), nrm(49, 50000)]),
    ("1e5-two-samples-shift", [nrm(48, 50000), nrm(49, 50000, loc=0.005)]),
    ("1e5-three-samples-ties", [ints(58, 40000, 20), ints(59, 30000, 20), ints(60, 30000, 20)]),
    ("separated-floor", [u(27, 1000), u(28, 2000, loc=1.0)]),
]


def cases():
    out = []
    for case_id, samples in CASES:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            res = stats.anderson_ksamp([materialize(s) for s in samples])
        out.append({
            "id": case_id,
            "call": CALL,
            "inputs": {"samples": samples},
            "expected": {
                "statistic": res.statistic,
                "pValue": res.pvalue,
                "criticalValues": res.critical_values,
                "warnings": [str(w.message) for w in caught if "p-value" in str(w.message)],
            },
        })
    return out


if __name__ == "__main__":
    for c in cases():
        print(c["id"], c["expected"]["statistic"], c["expected"]["pValue"], c["expected"]["warnings"])
