"""Expected multiple-testing corrections (src/stats bonferroni, benjaminiHochberg) from scipy / numpy."""
import numpy as np
import scipy
from scipy.stats import false_discovery_control

from recipes import build

FIXTURE = "corrections"
CALL = (f"scipy {scipy.__version__}, numpy {np.__version__}: np.minimum(1, p * len(p)) (Bonferroni); "
        "scipy.stats.false_discovery_control(p, method='bh')")


def arr(value):
    return np.asarray(build(value) if isinstance(value, dict) else value, dtype=np.float64)


def cases():
    inputs = [
        ("scipy-doc", [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240,
                       0.4262, 0.5719, 0.6528, 0.7590, 1.000]),
        ("single", [0.03]),
        ("unsorted-with-ties", [0.04, 0.01, 0.04, 0.2, 0.01, 0.5, 0.04]),
        ("zeros-and-ones", [0.0, 1.0, 0.0, 0.5, 1.0]),
        ("all-equal", [0.2, 0.2, 0.2, 0.2]),
        ("tiny", [1e-300, 5e-324, 1e-10, 0.9]),
        ("uniform-3000", {"kind": "uniform", "seed": 91, "n": 3000}),
        ("skewed-2000", {"kind": "uniform", "seed": 92, "n": 2000, "scale": 0.01}),
        ("ties-1000", {"kind": "integers", "seed": 93, "n": 1000, "k": 20, "scale": 0.05}),
    ]
    out = []
    for case_id, p_in in inputs:
        p = arr(p_in)
        out.append({"id": case_id, "call": CALL, "inputs": {"pValues": p_in},
                    "expected": {"bonferroni": np.minimum(1, p * len(p)),
                                 "benjaminiHochberg": false_discovery_control(p, method="bh")}})
    return out
