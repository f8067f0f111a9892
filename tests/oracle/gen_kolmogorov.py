"""Oracle for the Kolmogorov-Smirnov distributions behind ksTwoSample, and K_nu behind cramerVonMises.

kstwo.sf(d, n) is evaluated on a grid of d for sizes that reach every branch of scipy's kolmogn
(Ruben-Gambino, Durbin matrix, Pomeranz, Pelz-Good, Smirnov, underflow); smirnov(n, d) likewise;
kve(nu, x) (exponentially scaled K_nu) over 1e-10 .. 1e3 for the orders cramervonmises uses.
"""
import numpy as np
from scipy import special, stats

FIXTURE = "kolmogorov_distribution"


def grid(n):
    rng = np.random.default_rng(n)
    d = np.concatenate([
        rng.uniform(0, 1, 12),
        rng.uniform(0, 3 / np.sqrt(n), 12),
        np.sqrt(rng.uniform(0, 400, 8) / n),
        np.sqrt(rng.uniform(354, 372, 4) / n),  # 2·smirnov reaches subnormals before the nd² ≥ 370 cut
        [0.5 / n, 1 / n, 0.5, 1 - 1 / n, 1.0],
    ])
    return sorted(float(min(max(x, 0.0), 1.0)) for x in d)


def cases():
    out = []
    for n in [1, 2, 3, 5, 10, 50, 140, 141, 500, 5000, 50000, 100000, 100001, 200000]:
        d = grid(n)
        out.append({"id": f"kstwo-sf-n{n}", "call": "scipy.stats.kstwo.sf(d, n)",
                    "inputs": {"n": n, "d": d}, "expected": {"values": stats.kstwo.sf(d, n)}})
        if n <= 1_000_000:
            out.append({"id": f"smirnov-n{n}", "call": "scipy.special.smirnov(n, d)",
                        "inputs": {"n": n, "d": d}, "expected": {"values": special.smirnov(n, d)}})
    x = np.logspace(-10, 3, 60).tolist()
    for nu in [0.25, 0.75]:
        out.append({"id": f"kve-nu{nu}", "call": "scipy.special.kve(nu, x)",
                    "inputs": {"nu": nu, "x": x}, "expected": {"values": special.kve(nu, x)}})
    return out
