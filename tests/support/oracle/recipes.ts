/**
 * Deterministic sample recipes, bit-identical to tests/oracle/recipes.py (see there for the definitions).
 * Oracle fixtures store a recipe instead of 1e5 literal values; both languages rebuild the same doubles.
 */
export interface SampleRecipe {
  kind: 'uniform' | 'normalish' | 'integers';
  seed: number;
  n: number;
  loc?: number;
  scale?: number;
  k?: number;
}

const TWO_32 = 4294967296;

/** The LCG of `lcgUniforms` as an endless stream (no preallocation: for simulations of millions of draws). */
export function lcgStream(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(1664525, state) + 1013904223) >>> 0;
    return state / TWO_32;
  };
}

export function lcgUniforms(seed: number, n: number): Float64Array {
  const next = lcgStream(seed);
  return Float64Array.from({ length: n }, next);
}

export function buildSample(recipe: SampleRecipe): Float64Array {
  const { kind, seed, n } = recipe;
  const loc = recipe.loc ?? 0;
  const scale = recipe.scale ?? 1;
  if (kind === 'uniform') return lcgUniforms(seed, n).map((u) => loc + scale * u);
  if (kind === 'normalish') {
    const u = lcgUniforms(seed, 4 * n);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      out[i] = loc + scale * (u[4 * i] + u[4 * i + 1] + (u[4 * i + 2] + u[4 * i + 3]) - 2);
    }
    return out;
  }
  if (kind === 'integers') {
    const k = recipe.k ?? 10;
    return lcgUniforms(seed, n).map((u) => loc + scale * Math.floor(u * k));
  }
  throw new Error(`unknown recipe kind ${String(kind)}`);
}

/** Inputs in fixtures are either literal arrays or recipes. */
export function materialize(input: number[] | SampleRecipe): Float64Array {
  return Array.isArray(input) ? Float64Array.from(input) : buildSample(input);
}
