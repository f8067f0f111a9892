/**
 * Leaf-wise (best-first) growth of one histogram regression tree on gradients / hessians, LightGBM style:
 * per-leaf histograms of (Σg, Σh, count) per feature bin, the histogram subtraction trick (build the smaller
 * child, derive the larger as parent − smaller) and in-place stable row partitioning.
 * Split gain (loss reduction) = ½ · [G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)]; leaf value = −G / (H + λ).
 */
import type { FeatureBins } from './quantile-bins.js';
import type { TrainingMatrix } from './training-matrix.js';

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

/** What one tree grows from: the binned matrix, this round's per-row gradients / hessians, the limits, the buffers. */
export interface TreeGrowthInput {
  readonly matrix: TrainingMatrix;
  readonly grad: Float64Array;
  readonly hess: Float64Array;
  readonly options: TreeGrowthOptions;
  readonly workspace: TreeWorkspace;
}

function takeHist(ws: TreeWorkspace, width: number): Histogram {
  const hist = ws.pool.pop();
  if (hist !== undefined) return hist.fill(0);
  return new Float64Array(width << 10);
}

/** Adds the rows order[start, end) to `hist`. */
function buildHist(hist: Histogram, input: TreeGrowthInput, start: number, end: number): void {
  const { binned, width } = input.matrix;
  const { grad, hess } = input;
  const { order } = input.workspace;
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

/** Σg and Σh over the rows order[start, end). */
function sumRows(input: TreeGrowthInput, start: number, end: number): { g: number; h: number } {
  const { grad, hess } = input;
  const { order } = input.workspace;
  let g = 0;
  let h = 0;
  for (let k = start; k < end; k++) {
    g += grad[order[k]];
    h += hess[order[k]];
  }
  return { g, h };
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

function emptyTree(): GrownTree {
  return { feature: [], thresholdBin: [], missingLeft: [], left: [], right: [], value: [], leafRanges: new Map() };
}

function addNode(tree: GrownTree): number {
  tree.feature.push(-1);
  tree.thresholdBin.push(0);
  tree.missingLeft.push(false);
  tree.left.push(-1);
  tree.right.push(-1);
  tree.value.push(0);
  return tree.feature.length - 1;
}

/** The root leaf over all rows: its sums, its histogram and its best split. */
function rootLeaf(input: TreeGrowthInput, tree: GrownTree): Leaf {
  const { rows, width, bins } = input.matrix;
  const { g, h } = sumRows(input, 0, rows);
  const hist = takeHist(input.workspace, width);
  buildHist(hist, input, 0, rows);
  const root: Leaf = { node: addNode(tree), start: 0, end: rows, depth: 0, g, h, hist, split: null };
  root.split = findSplit(root, bins, input.options);
  return root;
}

/** Index of the leaf whose split gains most (the first on ties), or −1 when no leaf can split. */
function pickLeafToSplit(leaves: readonly Leaf[]): number {
  let pick = -1;
  for (let l = 0; l < leaves.length; l++) {
    const s = leaves[l].split;
    if (s !== null && (pick < 0 || s.gain > leaves[pick].split!.gain)) pick = l;
  }
  return pick;
}

/**
 * Stable partition of order[leaf.start, leaf.end) by the split: left rows stay in front, right rows go via
 * scratch. Returns where the right rows start.
 */
function partitionRows(input: TreeGrowthInput, leaf: Leaf, split: Split): number {
  const { binned, width, bins } = input.matrix;
  const { order, scratch } = input.workspace;
  const f = split.feature;
  const missingBin = bins[f].valueBins;
  let wl = leaf.start;
  let wr = 0;
  for (let k = leaf.start; k < leaf.end; k++) {
    const i = order[k];
    const b = binned[i * width + f];
    if (b === missingBin ? split.missingLeft : b <= split.bin) order[wl++] = i;
    else scratch[wr++] = i;
  }
  order.set(scratch.subarray(0, wr), wl);
  return wl;
}

/** Turns `node` into a split node with two new leaf nodes; returns [left, right]. */
function addSplitNodes(tree: GrownTree, node: number, split: Split): [number, number] {
  const leftNode = addNode(tree);
  const rightNode = addNode(tree);
  tree.feature[node] = split.feature;
  tree.thresholdBin[node] = split.bin;
  tree.missingLeft[node] = split.missingLeft;
  tree.left[node] = leftNode;
  tree.right[node] = rightNode;
  return [leftNode, rightNode];
}

/**
 * Histogram subtraction: builds the smaller child's histogram from its rows and turns the parent's into the
 * larger child's (parent − smaller).
 */
function subtractChildHistograms(input: TreeGrowthInput, parent: Leaf, children: [Leaf, Leaf]): void {
  const [left, right] = children;
  const smallIsLeft = left.end - left.start <= right.end - right.start;
  const small = takeHist(input.workspace, input.matrix.width);
  if (smallIsLeft) buildHist(small, input, left.start, left.end);
  else buildHist(small, input, right.start, right.end);
  const large = parent.hist;
  for (let k = 0; k < large.length; k++) large[k] -= small[k];
  left.hist = smallIsLeft ? small : large;
  right.hist = smallIsLeft ? large : small;
}

/** Child sums from the split feature's histogram (exact bins of this split): left = Σ bins, right = parent − left. */
function childSumsFromHistogram(
  parent: Leaf,
  split: Split,
  bins: readonly FeatureBins[],
  children: [Leaf, Leaf],
): void {
  const [left, right] = children;
  const missingBin = bins[split.feature].valueBins;
  const base = split.feature << 8;
  let gl = 0;
  let hl = 0;
  for (let b = 0; b <= missingBin; b++) {
    gl += left.hist[(base + b) << 2];
    hl += left.hist[((base + b) << 2) + 1];
  }
  left.g = gl;
  left.h = hl;
  right.g = parent.g - gl;
  right.h = parent.h - hl;
}

/**
 * Applies a leaf's split: partitions its rows, adds the two child nodes and, when a child may split again, builds
 * the children's histograms and finds their best splits. `leafCount` counts the leaves before this split.
 */
function splitLeaf(input: TreeGrowthInput, tree: GrownTree, leaf: Leaf, leafCount: number): [Leaf, Leaf] {
  const { options } = input;
  const split = leaf.split!;
  const middle = partitionRows(input, leaf, split);
  const [leftNode, rightNode] = addSplitNodes(tree, leaf.node, split);
  const depth = leaf.depth + 1;
  const children: [Leaf, Leaf] = [
    { node: leftNode, start: leaf.start, end: middle, depth, g: 0, h: 0, hist: leaf.hist, split: null },
    { node: rightNode, start: middle, end: leaf.end, depth, g: 0, h: 0, hist: leaf.hist, split: null },
  ];
  // children are split later only if leaves remain and they are large / shallow enough: else skip their histograms
  const canGrow = (c: Leaf): boolean =>
    leafCount + 1 < options.maxLeaves &&
    c.end - c.start >= 2 * options.minSamplesLeaf &&
    (options.maxDepth === 0 || depth < options.maxDepth);
  if (canGrow(children[0]) || canGrow(children[1])) {
    subtractChildHistograms(input, leaf, children);
    childSumsFromHistogram(leaf, split, input.matrix.bins, children);
    for (const c of children) if (canGrow(c)) c.split = findSplit(c, input.matrix.bins, options);
  } else {
    // leaves only: sums straight from the rows
    for (const c of children) {
      const sums = sumRows(input, c.start, c.end);
      c.g = sums.g;
      c.h = sums.h;
    }
    // both children own a buffer: finishLeaves returns each to the pool
    children[1].hist = takeHist(input.workspace, input.matrix.width);
  }
  return children;
}

/** Leaf values −G / (H + λ) and row ranges; the leaves' histograms go back to the pool. */
function finishLeaves(input: TreeGrowthInput, tree: GrownTree, leaves: readonly Leaf[]): void {
  for (const leaf of leaves) {
    const denominator = leaf.h + input.options.l2;
    tree.value[leaf.node] = denominator > 0 ? -leaf.g / denominator : 0;
    tree.leafRanges.set(leaf.node, [leaf.start, leaf.end]);
    input.workspace.pool.push(leaf.hist);
  }
}

/**
 * Grows one tree over the rows in `workspace.order[0 … matrix.rows)` (the caller fills `order`), best leaf
 * first. Deterministic: ties keep the first feature / bin / leaf.
 */
export function growTree(input: TreeGrowthInput): GrownTree {
  const tree = emptyTree();
  const leaves: Leaf[] = [rootLeaf(input, tree)];
  while (leaves.length < input.options.maxLeaves) {
    const pick = pickLeafToSplit(leaves);
    if (pick < 0) break;
    leaves.splice(pick, 1, ...splitLeaf(input, tree, leaves[pick], leaves.length));
  }
  finishLeaves(input, tree, leaves);
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
