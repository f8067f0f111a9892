/**
 * Leaf-wise (best-first) growth of one histogram regression tree on gradients / hessians, LightGBM style:
 * per-leaf histograms of (Σg, Σh, count) per feature bin, the histogram subtraction trick (build the smaller
 * child, derive the larger as parent − smaller) and in-place stable row partitioning.
 * Split gain (loss reduction) = ½ · [G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)]; leaf value = −G / (H + λ).
 */
import type { FeatureBins } from './quantile-bins.js';

/**
 * Per-leaf histogram: 256 slots per feature (255 value bins + the missing bin); slot (feature << 8) | bin holds
 * Σg, Σh, count at 4·slot, 4·slot + 1, 4·slot + 2 (interleaved: one cache line per update).
 */
type Histogram = Float64Array;

export interface TreeGrowthOptions {
  readonly maxLeaves: number;
  /** 0 = unlimited. */
  readonly maxDepth: number;
  readonly minSamplesLeaf: number;
  readonly minHessianLeaf: number;
  readonly l2: number;
  readonly minGain: number;
}

/** A grown tree with bin thresholds (for training-time prediction) and leaf values (before shrinkage). */
export interface GrownTree {
  readonly feature: number[];
  /** Go left when bin ≤ thresholdBin (value bins) — or when missing and missingLeft. */
  readonly thresholdBin: number[];
  readonly missingLeft: boolean[];
  readonly left: number[];
  readonly right: number[];
  readonly value: number[];
  /** For each leaf node: [start, end) of its rows in `order`. */
  readonly leafRanges: Map<number, [number, number]>;
}

interface Split {
  gain: number;
  feature: number;
  bin: number;
  missingLeft: boolean;
}

interface Leaf {
  readonly node: number;
  start: number;
  end: number;
  depth: number;
  g: number;
  h: number;
  hist: Histogram;
  split: Split | null;
}

/** Reusable buffers of one training run (n rows, width features). */
export interface TreeWorkspace {
  readonly order: Int32Array;
  readonly scratch: Int32Array;
  readonly pool: Histogram[];
}

export function createTreeWorkspace(n: number): TreeWorkspace {
  return { order: new Int32Array(n), scratch: new Int32Array(n), pool: [] };
}

function takeHist(ws: TreeWorkspace, width: number): Histogram {
  const hist = ws.pool.pop();
  if (hist !== undefined) return hist.fill(0);
  return new Float64Array(width << 10);
}

function buildHist(
  hist: Histogram,
  order: Int32Array,
  start: number,
  end: number,
  binned: Uint8Array,
  width: number,
  grad: Float64Array,
  hess: Float64Array,
): void {
  for (let k = start; k < end; k++) {
    const i = order[k];
    const g = grad[i];
    const h = hess[i];
    const at = i * width;
    for (let j = 0; j < width; j++) {
      const idx = ((j << 8) | binned[at + j]) << 2;
      hist[idx] += g;
      hist[idx + 1] += h;
      hist[idx + 2] += 1;
    }
  }
}

function findSplit(leaf: Leaf, bins: readonly FeatureBins[], o: TreeGrowthOptions): Split | null {
  const count = leaf.end - leaf.start;
  if (count < 2 * o.minSamplesLeaf || (o.maxDepth > 0 && leaf.depth >= o.maxDepth)) return null;
  const { g: gTotal, h: hTotal } = leaf;
  const hist = leaf.hist;
  const lambda = o.l2;
  const parentScore = (gTotal * gTotal) / (hTotal + lambda);
  let best: Split | null = null;
  let bestGain = 0;
  for (let j = 0; j < bins.length; j++) {
    const vb = bins[j].valueBins;
    const base = j << 8;
    const gm = hist[(base + vb) << 2];
    const hm = hist[((base + vb) << 2) + 1];
    const cm = hist[((base + vb) << 2) + 2];
    let gl = 0;
    let hl = 0;
    let cl = 0;
    for (let b = 0; b < vb - 1; b++) {
      const idx = (base + b) << 2;
      gl += hist[idx];
      hl += hist[idx + 1];
      cl += hist[idx + 2];
      // missing → right
      {
        const gr = gTotal - gl;
        const hr = hTotal - hl;
        const cr = count - cl;
        if (cl >= o.minSamplesLeaf && cr >= o.minSamplesLeaf && hl >= o.minHessianLeaf && hr >= o.minHessianLeaf) {
          const gain = 0.5 * ((gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parentScore);
          if (gain > bestGain) {
            bestGain = gain;
            // without training missing values, unseen missing goes to the larger child (sklearn HGB rule)
            best = { gain, feature: j, bin: b, missingLeft: cm === 0 && cl > cr };
          }
        }
      }
      if (cm > 0) {
        const gl2 = gl + gm;
        const hl2 = hl + hm;
        const cl2 = cl + cm;
        const gr = gTotal - gl2;
        const hr = hTotal - hl2;
        const cr = count - cl2;
        if (cl2 >= o.minSamplesLeaf && cr >= o.minSamplesLeaf && hl2 >= o.minHessianLeaf && hr >= o.minHessianLeaf) {
          const gain = 0.5 * ((gl2 * gl2) / (hl2 + lambda) + (gr * gr) / (hr + lambda) - parentScore);
          if (gain > bestGain) {
            bestGain = gain;
            best = { gain, feature: j, bin: b, missingLeft: true };
          }
        }
      }
    }
  }
  return best !== null && best.gain > o.minGain ? best : null;
}

/**
 * Grows one tree over the rows in `ws.order[0 … n)` (the caller fills `order`). Deterministic: ties keep the
 * first feature / bin / leaf.
 */
export function growTree(
  binned: Uint8Array,
  width: number,
  bins: readonly FeatureBins[],
  grad: Float64Array,
  hess: Float64Array,
  n: number,
  options: TreeGrowthOptions,
  ws: TreeWorkspace,
): GrownTree {
  const tree: GrownTree = { feature: [], thresholdBin: [], missingLeft: [], left: [], right: [], value: [], leafRanges: new Map() };
  const addNode = (): number => {
    tree.feature.push(-1);
    tree.thresholdBin.push(0);
    tree.missingLeft.push(false);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push(0);
    return tree.feature.length - 1;
  };
  const { order, scratch } = ws;
  let gRoot = 0;
  let hRoot = 0;
  for (let k = 0; k < n; k++) {
    gRoot += grad[order[k]];
    hRoot += hess[order[k]];
  }
  const rootHist = takeHist(ws, width);
  buildHist(rootHist, order, 0, n, binned, width, grad, hess);
  const root: Leaf = { node: addNode(), start: 0, end: n, depth: 0, g: gRoot, h: hRoot, hist: rootHist, split: null };
  root.split = findSplit(root, bins, options);
  const leaves: Leaf[] = [root];
  while (leaves.length < options.maxLeaves) {
    let pick = -1;
    for (let l = 0; l < leaves.length; l++) {
      const s = leaves[l].split;
      if (s !== null && (pick < 0 || s.gain > leaves[pick].split!.gain)) pick = l;
    }
    if (pick < 0) break;
    const leaf = leaves[pick];
    const split = leaf.split!;
    const f = split.feature;
    const missingBin = bins[f].valueBins;
    // stable partition of order[start, end): left rows stay in front, right rows via scratch
    let wl = leaf.start;
    let wr = 0;
    for (let k = leaf.start; k < leaf.end; k++) {
      const i = order[k];
      const b = binned[i * width + f];
      if (b === missingBin ? split.missingLeft : b <= split.bin) order[wl++] = i;
      else scratch[wr++] = i;
    }
    order.set(scratch.subarray(0, wr), wl);
    const leftNode = addNode();
    const rightNode = addNode();
    tree.feature[leaf.node] = f;
    tree.thresholdBin[leaf.node] = split.bin;
    tree.missingLeft[leaf.node] = split.missingLeft;
    tree.left[leaf.node] = leftNode;
    tree.right[leaf.node] = rightNode;
    const leftCount = wl - leaf.start;
    const rightCount = leaf.end - wl;
    const depth = leaf.depth + 1;
    // children are split later only if leaves remain and they are large / shallow enough: else skip their histograms
    const canGrow = (count: number): boolean =>
      leaves.length + 1 < options.maxLeaves && count >= 2 * options.minSamplesLeaf && (options.maxDepth === 0 || depth < options.maxDepth);
    const children: Leaf[] = [
      { node: leftNode, start: leaf.start, end: wl, depth, g: 0, h: 0, hist: leaf.hist, split: null },
      { node: rightNode, start: wl, end: leaf.end, depth, g: 0, h: 0, hist: leaf.hist, split: null },
    ];
    if (canGrow(leftCount) || canGrow(rightCount)) {
      const smallIsLeft = leftCount <= rightCount;
      const small = takeHist(ws, width);
      if (smallIsLeft) buildHist(small, order, leaf.start, wl, binned, width, grad, hess);
      else buildHist(small, order, wl, leaf.end, binned, width, grad, hess);
      const large = leaf.hist;
      for (let k = 0; k < large.length; k++) large[k] -= small[k];
      children[0].hist = smallIsLeft ? small : large;
      children[1].hist = smallIsLeft ? large : small;
      // child sums from the split feature's histogram (exact bins of this split)
      let gl = 0;
      let hl = 0;
      const base = f << 8;
      for (let b = 0; b <= missingBin; b++) {
        gl += children[0].hist[(base + b) << 2];
        hl += children[0].hist[((base + b) << 2) + 1];
      }
      children[0].g = gl;
      children[0].h = hl;
      children[1].g = leaf.g - gl;
      children[1].h = leaf.h - hl;
      for (const c of children) if (canGrow(c.end - c.start)) c.split = findSplit(c, bins, options);
    } else {
      // leaves only: sums straight from the rows
      for (const c of children) {
        for (let k = c.start; k < c.end; k++) {
          c.g += grad[order[k]];
          c.h += hess[order[k]];
        }
      }
      children[1].hist = takeHist(ws, width); // both children own a buffer, returned to the pool below
    }
    leaves.splice(pick, 1, ...children);
  }
  for (const leaf of leaves) {
    const denominator = leaf.h + options.l2;
    tree.value[leaf.node] = denominator > 0 ? -leaf.g / denominator : 0;
    tree.leafRanges.set(leaf.node, [leaf.start, leaf.end]);
    ws.pool.push(leaf.hist);
  }
  return tree;
}

/** Output of a grown tree for a binned row (row-major `binned` at offset `at`). */
export function grownTreeValue(tree: GrownTree, bins: readonly FeatureBins[], binned: Uint8Array, at: number): number {
  let node = 0;
  while (tree.feature[node] >= 0) {
    const f = tree.feature[node];
    const b = binned[at + f];
    const goLeft = b === bins[f].valueBins ? tree.missingLeft[node] : b <= tree.thresholdBin[node];
    node = goLeft ? tree.left[node] : tree.right[node];
  }
  return tree.value[node];
}
