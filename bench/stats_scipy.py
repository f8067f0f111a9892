"""scipy/numpy side of bench/stats.bench.ts: times the same kernels on the same inputs.

usage: python stats_scipy.py <dir>
Inputs are little-endian float64 files written by the TypeScript script. Then serves timing requests, one per
line on stdin: "<kernel> <runs>" runs the kernel that many times and answers one JSON line
{"kernel": ..., "seconds": [...]} (time.perf_counter around each call). The TypeScript side interleaves
these requests with its own runs, so both sides see the same machine load.
"""
import json
import sys
import time

import numpy as np
import scipy
import scipy.stats as st
from scipy.spatial.distance import jensenshannon


def load(directory, name):
    return np.fromfile(f"{directory}/{name}.f64", dtype="<f8")


def psi_binned(ref, cur, edges):
    r = np.histogram(ref, bins=edges)[0]
    c = np.histogram(cur, bins=edges)[0]
    r = np.maximum(r / r.sum(), 1e-4)
    c = np.maximum(c / c.sum(), 1e-4)
    return np.sum((c - r) * np.log(c / r))


def js_binned(ref, cur, edges):
    return jensenshannon(np.histogram(ref, bins=edges)[0], np.histogram(cur, bins=edges)[0], base=2)


def kernels(d):
    return {
        "ks": lambda: st.ks_2samp(load_cached(d, "ks_a"), load_cached(d, "ks_b")),
        "cvm": lambda: st.cramervonmises_2samp(load_cached(d, "cvm_a"), load_cached(d, "cvm_b"), method="asymptotic"),
        "psi": lambda: psi_binned(load_cached(d, "bin_ref"), load_cached(d, "bin_cur"), load_cached(d, "bin_edges")),
        "js": lambda: js_binned(load_cached(d, "bin_ref"), load_cached(d, "bin_cur"), load_cached(d, "bin_edges")),
        "chi2": lambda: st.chi2_contingency([load_cached(d, "chi_ref"), load_cached(d, "chi_cur")], correction=False),
        "wasserstein": lambda: st.wasserstein_distance(load_cached(d, "ks_a"), load_cached(d, "ks_b")),
        "energy": lambda: st.energy_distance(load_cached(d, "ks_a"), load_cached(d, "ks_b")),
        "quantile_edges": lambda: np.unique(np.quantile(load_cached(d, "bin_ref"), np.linspace(0, 1, 11))),
        "bh": lambda: st.false_discovery_control(load_cached(d, "bh_p"), method="bh"),
    }


_cache = {}


def load_cached(directory, name):
    if name not in _cache:
        _cache[name] = load(directory, name)
    return _cache[name]


def main():
    table = kernels(sys.argv[1])
    print(json.dumps({"ready": True, "scipy": scipy.__version__, "numpy": np.__version__}), flush=True)
    for line in sys.stdin:
        name, runs = line.split()
        fn = table[name]
        times = []
        for _ in range(int(runs)):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        print(json.dumps({"kernel": name, "seconds": times}), flush=True)


if __name__ == "__main__":
    main()
