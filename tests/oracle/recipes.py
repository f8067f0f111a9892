"""Deterministic sample recipes shared, bit for bit, with tests/support/oracle/recipes.ts.

Large oracle inputs (up to 1e5 values) are not stored in the fixtures: the fixture stores the recipe and
both languages rebuild the identical doubles. Only +, -, *, / and floor are used on doubles, which IEEE 754
rounds identically in Python and JavaScript.
"""

LCG_A = 1664525
LCG_C = 1013904223
TWO_32 = 4294967296.0


def lcg_uniforms(seed: int, n: int) -> list[float]:
    """n uniforms in [0, 1) from the Numerical Recipes LCG (state_{k+1} = a*state_k + c mod 2^32)."""
    state = seed % 4294967296
    out = []
    for _ in range(n):
        state = (LCG_A * state + LCG_C) % 4294967296
        out.append(state / TWO_32)
    return out


def build(recipe: dict) -> list[float]:
    """Rebuild a sample from its recipe: {kind: uniform|normalish|integers, seed, n, loc, scale, k}."""
    kind, seed, n = recipe["kind"], recipe["seed"], recipe["n"]
    loc, scale = recipe.get("loc", 0.0), recipe.get("scale", 1.0)
    if kind == "uniform":
        return [loc + scale * u for u in lcg_uniforms(seed, n)]
    if kind == "normalish":  # Irwin-Hall(4) centred: mean 0, variance 1/3
        u = lcg_uniforms(seed, 4 * n)
        return [loc + scale * (((u[4 * i] + u[4 * i + 1]) + (u[4 * i + 2] + u[4 * i + 3])) - 2.0) for i in range(n)]
    if kind == "integers":  # floor(u * k): heavy ties
        k = recipe["k"]
        return [loc + scale * float(int(u * k)) for u in lcg_uniforms(seed, n)]
    raise ValueError(f"unknown recipe kind {kind}")
