"""Self-check of the shared recipes: a few values and sums, so tests/support/oracle/recipes.ts is proven bit-identical."""
import math

from recipes import build

FIXTURE = "recipes"


def cases():
    out = []
    for kind, extra in [("uniform", {"loc": -1.5, "scale": 3.0}), ("normalish", {"loc": 10.0, "scale": 2.0}),
                        ("integers", {"k": 7, "loc": 0.0, "scale": 1.0})]:
        recipe = {"kind": kind, "seed": 12345, "n": 100000, **extra}
        xs = build(recipe)
        out.append({
            "id": f"recipe-{kind}",
            "call": "recipes.build(recipe) (pure Python floats; math.fsum for the sum)",
            "inputs": {"recipe": recipe},
            "expected": {"first": xs[:5], "last": xs[-3:], "fsum": math.fsum(xs)},
        })
    return out
