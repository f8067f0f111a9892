"""scipy/numpy side of bench/stats.bench.ts: times the same kernels on the same inputs.

usage: python stats_scipy.py <dir> <warmup> <repeats> <kernel> [<kernel> ...]
Inputs are little-endian float64 files written by the TypeScript script. Prints one JSON object
{kernel: median seconds} (time.perf_counter around each call; warm-up runs are not timed).
"""
import json
import statistics
import sys
import time

import numpy as np
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
    directory, warmup, repeats, names = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
    table = kernels(directory)
    out = {}
    for name in names:
        fn = table[name]
        for _ in range(warmup):
            fn()
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        out[name] = statistics.median(times)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
