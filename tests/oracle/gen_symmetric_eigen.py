"""Expected values of src/stats/symmetric-eigen.ts: eigen-decomposition of real symmetric matrices.

Reference: numpy.linalg.eigh (LAPACK syevd). driftguard returns the eigenvalues largest first and makes each
eigenvector's largest-magnitude component positive (the first one when two are within 1e-12), so this generator
sorts and normalises numpy's result the same way. Matrices are literal or rebuilt from a recipe
(tests/oracle/recipes.py) elementwise: A = (B + B^T) / 2 + shift * I, with B the recipe's n*n values row-major —
only +, * and / on doubles, bit-identical in TypeScript (tests/support/recipes.ts).
Eigenvalues at rounding level (|value| < 1e-13 of the largest) are stored as 0. Eigenvectors are stored for matrices up to 8 x 8 only: LAPACK's last bits differ between CPUs, and relative to a
small entry of a long vector that can exceed generate.py --check's 1e-12; for larger matrices the test compares the
eigenvalues (matrices kept well away from singular, so that those are stable) and checks A v = lambda v with V
orthonormal, which fixes the vectors for distinct eigenvalues.
"""
import numpy as np

from recipes import build

FIXTURE = "symmetric_eigen"


def symmetric_from_recipe(spec):
    n = spec["n"]
    b = np.asarray(build(spec["recipe"]), dtype=float).reshape(n, n)
    return (b + b.T) / 2 + spec.get("shift", 0.0) * np.eye(n)


def normalised(values, vectors):
    order = np.argsort(-values, kind="stable")
    values, vectors = values[order], vectors[:, order].copy()
    n = len(values)
    for k in range(n):
        pivot = 0
        for i in range(1, n):
            if abs(vectors[i, k]) > abs(vectors[pivot, k]) + 1e-12:
                pivot = i
        if vectors[pivot, k] < 0:
            vectors[:, k] = -vectors[:, k]
    return values, vectors


def case(case_id, matrix_input, distinct=True):
    a = symmetric_from_recipe(matrix_input) if isinstance(matrix_input, dict) else np.asarray(matrix_input, dtype=float)
    values, vectors = normalised(*np.linalg.eigh(a))
    # eigenvalues at rounding level of a singular matrix are noise that differs between CPUs: they are 0
    values = np.where(np.abs(values) < 1e-13 * max(1.0, np.abs(values).max()), 0.0, values)
    n = a.shape[0]
    gaps = np.diff(np.sort(values))
    if distinct:
        assert n == 1 or gaps.min() > 1e-6 * max(1.0, abs(values).max()), case_id
    return {"id": f"eigh-{case_id}",
            "call": "numpy.linalg.eigh(a); values sorted descending, each vector's largest-|component| made positive",
            "inputs": {"matrix": matrix_input, "n": n},
            "expected": {"values": values, "vectors": vectors.reshape(-1) if distinct and n <= 8 else [], "distinct": distinct}}


def rec(seed, n, shift=0.0, kind="uniform"):
    return {"n": n, "shift": shift, "recipe": {"kind": kind, "seed": seed, "n": n * n, "loc": -1.0, "scale": 2.0}}


def cases():
    return [
        case("1x1", [[4.5]]),
        case("2x2", [[2.0, 1.0], [1.0, 3.0]]),
        case("3x3-negative", [[1.0, -2.0, 0.5], [-2.0, -3.0, 1.5], [0.5, 1.5, 0.25]]),
        case("diagonal", [[3.0, 0.0, 0.0], [0.0, -1.0, 0.0], [0.0, 0.0, 7.0]]),
        case("repeated-eigenvalue", [[2.0, 0.0, 0.0], [0.0, 2.0, 0.0], [0.0, 0.0, 5.0]], distinct=False),
        case("zero", [[0.0, 0.0], [0.0, 0.0]], distinct=False),
        case("rank-1-covariance", [[1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [3.0, 6.0, 9.0]], distinct=False),
        case("uniform-8", rec(71, 8)),
        case("uniform-20-pd", rec(72, 20, shift=20.0)),
        case("normalish-50-pd", rec(73, 50, shift=8.0, kind="normalish")),
        case("uniform-60-pd", rec(74, 60, shift=6.0)),
    ]
