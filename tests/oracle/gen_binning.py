"""Expected values of quantileBinEdges and histogram (src/stats) from numpy.

quantileBinEdges(sample, bins) = np.unique(np.quantile(sample, np.linspace(0, 1, bins + 1))) (method 'linear'),
or [c, c] when that leaves one edge (constant sample). histogram(values, edges) = np.histogram(values,
bins=edges)[0] plus the uncounted values below the first / above the last edge.
"""
import numpy as np

from recipes import build

FIXTURE = "binning"
V = f"numpy {np.__version__}"


def arr(value):
    return np.asarray(build(value) if isinstance(value, dict) else value, dtype=np.float64)


def R(kind, seed, n, **kw):
    return {"kind": kind, "seed": seed, "n": n, **kw}


EDGES_CALL = (f"{V}: e = np.unique(np.quantile(sample, np.linspace(0, 1, bins + 1), method='linear')); "
              "e if e.size > 1 else np.repeat(e, 2)")


def edges_of(sample, bins):
    e = np.unique(np.quantile(sample, np.linspace(0, 1, bins + 1), method="linear"))
    return e if e.size > 1 else np.repeat(e, 2)


def edge_cases():
    inputs = [
        ("n5-4bins", [3.0, 1.0, 4.0, 1.5, 9.0], 4),
        ("n5-10bins", [3.0, 1.0, 4.0, 1.5, 9.0], 10),
        ("single-value", [2.5], 3),
        ("constant", [7.0, 7.0, 7.0, 7.0], 5),
        ("one-bin", [5.0, -2.0, 8.0], 1),
        ("ties-collapse", [1, 1, 1, 1, 1, 1, 2, 3, 3, 3], 5),
        ("thirds-rounding", [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0], 3),
        ("sevenths-rounding", [0.1 * i for i in range(50)], 7),
        ("negative-and-zero", [-0.0, 0.0, -1e-300, 1e-300, -5.0, 5.0], 4),
        ("uniform-1e5-10bins", R("uniform", 71, 100000), 10),
        ("normalish-1e5-100bins", R("normalish", 72, 100000, loc=3.0, scale=2.0), 100),
        ("normalish-99999-13bins", R("normalish", 73, 99999), 13),
        ("integers-heavy-ties-20bins", R("integers", 74, 100000, k=6), 20),
    ]
    return [{"id": f"edges-{case_id}", "call": EDGES_CALL, "inputs": {"sample": s, "bins": bins},
             "expected": {"edges": edges_of(arr(s), bins)}} for case_id, s, bins in inputs]


HIST_CALL = (f"{V}: np.histogram(values, bins=edges)[0]; below = np.sum(values < edges[0]); "
             "above = np.sum(values > edges[-1])")


def hist(values, edges):
    return {"counts": np.histogram(values, bins=edges)[0],
            "below": int(np.sum(values < edges[0])), "above": int(np.sum(values > edges[-1]))}


def histogram_cases():
    inputs = [
        ("on-edges", [0.0, 1.0, 2.0, 3.0, 0.5, 2.5], [0.0, 1.0, 2.0, 3.0]),
        ("out-of-range", [-1.0, 0.0, 5.0, 3.0, 3.0000000000000004, -1e-300], [0.0, 1.0, 3.0]),
        ("duplicate-inner-edges", [0.0, 1.0, 1.0, 1.5, 2.0], [0.0, 1.0, 1.0, 2.0]),
        ("duplicate-last-edges", [0.0, 1.0, 1.0, 2.0, 2.0], [0.0, 1.0, 2.0, 2.0]),
        ("single-closed-bin", [7.0, 7.0, 6.9, 7.1], [7.0, 7.0]),
        ("empty-values", [], [0.0, 1.0]),
        ("negative-zero-edge", [-0.0, 0.0, 1.0], [0.0, 0.5, 1.0]),
    ]
    out = [{"id": f"histogram-{case_id}", "call": HIST_CALL, "inputs": {"values": v, "edges": e},
            "expected": hist(np.asarray(v, dtype=np.float64), np.asarray(e, dtype=np.float64))}
           for case_id, v, e in inputs]
    recipe_inputs = [
        ("normalish-1e5-on-quantile-edges", R("normalish", 81, 100000, loc=0.2), R("normalish", 82, 50000), 10),
        ("uniform-1e5-wider-range", R("uniform", 83, 100000, loc=-0.5, scale=2.0), R("uniform", 84, 20000), 25),
        ("integers-values-on-edges", R("integers", 85, 100000, k=9), R("integers", 86, 30000, k=8), 8),
    ]
    for case_id, values_in, ref_in, bins in recipe_inputs:
        edges = edges_of(arr(ref_in), bins)
        out.append({"id": f"histogram-{case_id}",
                    "call": HIST_CALL + f"; edges = quantile edges of `ref` with bins={bins} (see edges-* cases)",
                    "inputs": {"values": values_in, "edges": edges}, "expected": hist(arr(values_in), edges)})
    return out


def cases():
    return edge_cases() + histogram_cases()
