"""Recipe shorthands shared by gen_ks.py, gen_cvm.py and gen_anderson.py (recipes themselves: recipes.py)."""
import numpy as np

from recipes import build


def u(seed, n, loc=0.0, scale=1.0):
    return {"kind": "uniform", "seed": seed, "n": n, "loc": loc, "scale": scale}


def nrm(seed, n, loc=0.0, scale=1.0):
    return {"kind": "normalish", "seed": seed, "n": n, "loc": loc, "scale": scale}


def ints(seed, n, k, loc=0.0):
    return {"kind": "integers", "seed": seed, "n": n, "k": k, "loc": loc, "scale": 1.0}


def materialize(x):
    """A literal list or a recipe, as a float64 array."""
    return np.asarray(build(x) if isinstance(x, dict) else x, dtype=float)
