"""Expected values of src/stats/maximum-mean-discrepancy.ts: median-heuristic bandwidth and unbiased MMD^2.

Reference: alibi-detect's definitions, re-implemented in numpy (alibi-detect pins TensorFlow / PyTorch, too heavy
for the oracle venv): `sigma_median(x, y, dist)` with x = y = the pooled sample — sigma = sqrt(0.5 * sorted(D)[n +
(n*n - n) // 2 - 1]), D the n*n squared-distance matrix — the GaussianRBF kernel exp(-D / (2 sigma^2)), and
`mmd2_from_kernel_matrix(kernel_mat, m, permute=False, zero_diag=True)` with the current sample as the last m
rows. Each MMD^2 is also checked against the U-statistic of Gretton et al., JMLR 13 (2012), eq. 3, written with
explicit loops over pairs. Inputs are literal (rounded to 6 decimals).
"""
import itertools

import numpy as np

FIXTURE = "mmd"


def sigma_median_alibi(z):
    n = z.shape[0]
    dist = ((z[:, None, :] - z[None, :, :]) ** 2).sum(-1)
    n_median = n + (n * n - n) // 2 - 1
    return float(np.sqrt(0.5 * np.sort(dist.flatten())[n_median])), dist


def mmd2_alibi(kernel_mat, m):
    kernel_mat = kernel_mat - np.diag(np.diag(kernel_mat))
    n = kernel_mat.shape[0] - m
    k_xx, k_yy, k_xy = kernel_mat[:-m, :-m], kernel_mat[-m:, -m:], kernel_mat[-m:, :-m]
    return k_xx.sum() / (n * (n - 1)) + k_yy.sum() / (m * (m - 1)) - 2.0 * k_xy.mean()


def mmd2_gretton(x, y, sigma):
    k = lambda a, b: np.exp(-((a - b) ** 2).sum() / (2 * sigma * sigma))
    nx, ny = len(x), len(y)
    xx = sum(k(x[i], x[j]) for i, j in itertools.permutations(range(nx), 2)) / (nx * (nx - 1))
    yy = sum(k(y[i], y[j]) for i, j in itertools.permutations(range(ny), 2)) / (ny * (ny - 1))
    xy = sum(k(x[i], y[j]) for i in range(nx) for j in range(ny)) / (nx * ny)
    return xx + yy - 2 * xy


def case(case_id, x, y):
    x, y = np.round(np.asarray(x, dtype=float), 6), np.round(np.asarray(y, dtype=float), 6)
    z = np.vstack([x, y])
    sigma, dist = sigma_median_alibi(z)
    mmd2 = mmd2_alibi(np.exp(-dist / (2 * sigma * sigma)), len(y))
    check = mmd2_gretton(x, y, sigma)
    assert abs(mmd2 - check) <= 1e-12 * max(1.0, abs(check)), (case_id, mmd2, check)
    return {"id": f"mmd-{case_id}",
            "call": "alibi-detect sigma_median(z, z, D) and mmd2_from_kernel_matrix(exp(-D / (2 sigma^2)), m, "
                    "permute=False, zero_diag=True) in numpy; equals Gretton et al. 2012 eq. 3",
            "inputs": {"x": x.tolist(), "y": y.tolist()},
            "expected": {"sigma": sigma, "mmd2": float(mmd2)}}


def cases():
    rng = np.random.default_rng(91)
    base = rng.normal(size=(40, 3))
    return [
        case("tiny-1d", [[0.0], [1.0], [2.5]], [[0.5], [3.0]]),
        case("iid-3d", base[:25], rng.normal(size=(20, 3))),
        case("shifted-3d", base[:30], rng.normal(size=(25, 3)) + [0.8, 0.0, 0.0]),
        case("correlation-flip-2d", np.column_stack([base[:, 0], base[:, 0] * 0.9 + base[:, 1] * 0.4]),
             np.column_stack([base[:30, 2], -0.9 * base[:30, 2] + base[:30, 1] * 0.4])),
        case("ties", [[0.0, 1.0], [0.0, 1.0], [1.0, 1.0], [2.0, 0.0]], [[0.0, 1.0], [1.0, 0.0], [1.0, 0.0]]),
        case("unequal-sizes", rng.normal(size=(50, 2)), rng.normal(size=(6, 2)) * 1.5),
    ]
