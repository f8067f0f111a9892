"""Expected values of the distance / divergence functions of src/stats from scipy/numpy.

Sample inputs are literal arrays or recipes (tests/oracle/recipes.py, rebuilt bit-identically by
tests/support/oracle/recipes.ts). Each case's `call` is the exact scipy/numpy expression that produced `expected`.
"""
import numpy as np
import scipy
from scipy.spatial.distance import jensenshannon
from scipy.stats import energy_distance, entropy, wasserstein_distance

from recipes import build

FIXTURE = "distances"
V = f"scipy {scipy.__version__}, numpy {np.__version__}"


def arr(value):
    return np.asarray(build(value) if isinstance(value, dict) else value, dtype=np.float64)


def R(kind, seed, n, **kw):
    return {"kind": kind, "seed": seed, "n": n, **kw}


def sample_cases():
    """Two-sample distances: Wasserstein, normed Wasserstein (Evidently), energy distance."""
    pairs = [
        ("scipy-doc", [0, 1, 3], [5, 6, 8]),
        ("single-values", [0.0], [2.0]),
        ("single-vs-many", [1.5], [0.0, 1.0, 2.0, 3.0]),
        ("identical", [1.0, 2.0, 3.0, 4.0, 5.0], [1.0, 2.0, 3.0, 4.0, 5.0]),
        ("n5-shift", [0.1, 0.5, 0.9, 1.3, 2.2], [0.4, 0.8, 1.6, 2.0, 2.9]),
        ("ties-across", [1, 1, 2, 2, 2, 3], [2, 2, 3, 3, 4]),
        ("unequal-sizes", [0.3, -1.2, 4.4, 2.0, 0.0, 0.0, 7.5], [1.0, 2.5, -3.0]),
        ("negative-zero", [-0.0, 0.0, 1.0], [0.0, 2.0]),
        ("constant-reference", [3.0, 3.0, 3.0, 3.0], [3.0, 3.5, 4.0]),
        ("tiny-std-reference", [1.0, 1.0 + 1e-9, 1.0 - 1e-9], [1.0, 1.1]),
        ("extreme-separation", [1e-300, 2e-300, 3e-300], [1e300, 2e300]),
        ("large-magnitude", [1e15, 1e15 + 2, 1e15 + 4], [1e15 + 1, 1e15 + 3]),
        ("uniform-1000-vs-normalish-800", R("uniform", 1, 1000), R("normalish", 2, 800, loc=0.5, scale=0.7)),
        ("integers-ties-5000", R("integers", 3, 5000, k=12), R("integers", 4, 4000, k=10, loc=1.0)),
        ("normalish-1e5-vs-1e5-shift", R("normalish", 5, 100000), R("normalish", 6, 100000, loc=0.05)),
        ("normalish-1e5-vs-3e4-scale", R("normalish", 7, 100000, loc=10.0, scale=3.0),
         R("normalish", 8, 30000, loc=10.0, scale=3.3)),
        ("integers-1e5-heavy-ties", R("integers", 9, 100000, k=5), R("integers", 10, 70000, k=6)),
    ]
    out = []
    for case_id, a_in, b_in in pairs:
        a, b = arr(a_in), arr(b_in)
        out.append({
            "id": f"samples-{case_id}",
            "call": (f"{V}: scipy.stats.wasserstein_distance(a, b); "
                     "scipy.stats.wasserstein_distance(a, b) / max(np.std(a), 1e-3); "
                     "scipy.stats.energy_distance(a, b)"),
            "inputs": {"a": a_in, "b": b_in},
            "expected": {
                "wasserstein": wasserstein_distance(a, b),
                "normedWasserstein": wasserstein_distance(a, b) / max(np.std(a), 1e-3),
                "energy": energy_distance(a, b),
            },
        })
    return out


def hellinger(p, q):
    p, q = p / np.sum(p), q / np.sum(q)
    return np.sqrt(0.5 * np.sum((np.sqrt(p) - np.sqrt(q)) ** 2))


def total_variation(p, q):
    return 0.5 * np.sum(np.abs(p / np.sum(p) - q / np.sum(q)))


def counts(recipe, bins):
    """Bin counts of a recipe sample over `bins` integer categories (np.bincount)."""
    return np.bincount(np.asarray(build(recipe), dtype=np.int64), minlength=bins).astype(np.float64).tolist()


DIST_CALL = (f"{V}: p, q = np.asarray(p, float), np.asarray(q, float); "
             "scipy.spatial.distance.jensenshannon(p, q, base=base); scipy.stats.entropy(p, q) "
             "(klInfinite = np.isinf of it, klDivergence recorded only when finite); "
             "np.sqrt(0.5 * np.sum((np.sqrt(p/p.sum()) - np.sqrt(q/q.sum()))**2)); "
             "0.5 * np.sum(np.abs(p/p.sum() - q/q.sum()))")


def distribution_cases():
    pairs = [
        ("identical", [0.25, 0.25, 0.5], [0.25, 0.25, 0.5], 2.0),
        ("scipy-doc-base2", [1.0, 0.0], [0.5, 0.5], 2.0),
        ("scipy-doc-natural", [1.0, 0.0, 0.0], [0.0, 1.0, 0.0], float(np.e)),
        ("disjoint-base2", [0.5, 0.5, 0.0, 0.0], [0.0, 0.0, 0.3, 0.7], 2.0),
        ("counts-unnormalized", [10, 20, 30, 40], [12, 18, 33, 37], 2.0),
        ("base10", [0.1, 0.2, 0.7], [0.3, 0.3, 0.4], 10.0),
        ("single-bin", [5.0], [2.0], 2.0),
        ("q-zero-where-p-positive", [0.2, 0.3, 0.5], [0.0, 0.5, 0.5], 2.0),
        ("p-zero-where-q-positive", [0.0, 0.5, 0.5], [0.2, 0.3, 0.5], 2.0),
        ("tiny-proportions", [1e-12, 1.0 - 1e-12, 0.0], [1e-9, 1.0 - 1e-9 - 1e-15, 1e-15], 2.0),
        ("near-identical", [0.3333333333333333, 0.3333333333333333, 0.3333333333333334],
         [0.3333333333333334, 0.3333333333333333, 0.3333333333333333], 2.0),
        ("bincount-50-categories", counts(R("integers", 41, 20000, k=50), 50),
         counts(R("integers", 42, 15000, k=50), 50), 2.0),
        ("bincount-1000-sparse", counts(R("integers", 43, 3000, k=1000), 1000),
         counts(R("integers", 44, 5000, k=1000), 1000), 2.0),
    ]
    out = []
    for case_id, p_in, q_in, base in pairs:
        p, q = np.asarray(p_in, dtype=np.float64), np.asarray(q_in, dtype=np.float64)
        kl = entropy(p, q)
        expected = {
            "jensenShannon": jensenshannon(p, q, base=base),
            "klInfinite": bool(np.isinf(kl)),
            "hellinger": hellinger(p, q),
            "totalVariation": total_variation(p, q),
        }
        if not np.isinf(kl):
            expected["klDivergence"] = kl
        out.append({"id": f"distributions-{case_id}", "call": DIST_CALL,
                    "inputs": {"p": p_in, "q": q_in, "base": base}, "expected": expected})
    return out


def psi_reference(ref, cur, eps):
    r = np.maximum(ref / ref.sum(), eps)
    c = np.maximum(cur / cur.sum(), eps)
    return np.sum((c - r) * np.log(c / r))


PSI_CALL = (f"{V}: r = np.maximum(ref/ref.sum(), eps); c = np.maximum(cur/cur.sum(), eps); "
            "np.sum((c - r) * np.log(c / r))")


def psi_cases():
    cases_in = [
        ("identical", [0.1, 0.2, 0.3, 0.4], [0.1, 0.2, 0.3, 0.4], 1e-4),
        ("moderate-shift", [0.1, 0.2, 0.3, 0.4], [0.15, 0.25, 0.3, 0.3], 1e-4),
        ("empty-bins", [0.0, 0.5, 0.5, 0.0], [0.25, 0.25, 0.0, 0.5], 1e-4),
        ("below-epsilon", [0.00005, 0.49995, 0.5], [0.00002, 0.6, 0.39998], 1e-4),
        ("custom-epsilon", [0.0, 0.5, 0.5], [0.1, 0.45, 0.45], 1e-3),
        ("counts", [120, 340, 540], [100, 300, 600], 1e-4),
        ("single-bin", [3.0], [7.0], 1e-4),
        ("bincount-50", counts(R("integers", 51, 50000, k=50), 50), counts(R("integers", 52, 40000, k=45), 50), 1e-4),
    ]
    return [{"id": f"psi-{case_id}", "call": PSI_CALL,
             "inputs": {"ref": ref, "cur": cur, "epsilon": eps},
             "expected": {"psi": psi_reference(np.asarray(ref, float), np.asarray(cur, float), eps)}}
            for case_id, ref, cur, eps in cases_in]


PIPELINE_CALL = (f"{V}: edges = np.unique(np.quantile(ref, np.linspace(0, 1, bins + 1))); "
                 "r = np.histogram(ref, bins=edges)[0]; c = np.histogram(cur, bins=edges)[0]; "
                 "psi as in psi-* cases (eps=1e-4) on r, c; scipy.spatial.distance.jensenshannon(r, c, base=2)")


def pipeline_cases():
    """Binning + statistic, as the drift engine does it: quantile edges of the reference, then counts."""
    pairs = [
        ("normalish-1e5-shift-10bins", R("normalish", 61, 100000), R("normalish", 62, 100000, loc=0.1), 10),
        ("uniform-1e5-vs-wider-20bins", R("uniform", 63, 100000), R("uniform", 64, 80000, loc=-0.1, scale=1.2), 20),
        ("integers-ties-10bins", R("integers", 65, 50000, k=7), R("integers", 66, 50000, k=8), 10),
    ]
    out = []
    for case_id, ref_in, cur_in, bins in pairs:
        ref, cur = arr(ref_in), arr(cur_in)
        edges = np.unique(np.quantile(ref, np.linspace(0, 1, bins + 1)))
        r = np.histogram(ref, bins=edges)[0].astype(np.float64)
        c = np.histogram(cur, bins=edges)[0].astype(np.float64)
        out.append({"id": f"pipeline-{case_id}", "call": PIPELINE_CALL,
                    "inputs": {"ref": ref_in, "cur": cur_in, "bins": bins},
                    "expected": {"psi": psi_reference(r, c, 1e-4), "jensenShannon": jensenshannon(r, c, base=2)}})
    return out


def cases():
    return sample_cases() + distribution_cases() + psi_cases() + pipeline_cases()
