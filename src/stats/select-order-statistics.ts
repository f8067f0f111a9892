/**
 * Rearranges `values` in place so that each requested position holds the value a full ascending sort would
 * put there (like `np.partition(values, positions)`): recursive quickselect around the requested ranks,
 * O(n log k) for k positions instead of O(n log n) for a sort. `positions` must be sorted ascending.
 */
export function selectOrderStatistics(values: Float64Array, positions: ArrayLike<number>): void {
  const depthBudget = 2 * Math.ceil(Math.log2(values.length + 1)) + 16;
  selectRange(values, positions, 0, positions.length, 0, values.length - 1, depthBudget);
}

function selectRange(
  v: Float64Array,
  ranks: ArrayLike<number>,
  firstRank: number,
  endRank: number,
  left: number,
  right: number,
  depthBudget: number,
): void {
  while (firstRank < endRank && right > left) {
    if (right - left < 32) {
      insertionSort(v, left, right);
      return;
    }
    if (depthBudget-- <= 0) {
      // adversarial pivots: fall back to a full sort of this range (still O(n log n))
      v.subarray(left, right + 1).sort();
      return;
    }
    const [lt, gt] = partition3(v, left, right);
    // ranks in [left, lt) go left, in (gt, right] go right; ranks in [lt, gt] are already final
    let split = firstRank;
    while (split < endRank && ranks[split] < lt) split++;
    let after = split;
    while (after < endRank && ranks[after] <= gt) after++;
    if (split - firstRank < endRank - after) {
      selectRange(v, ranks, firstRank, split, left, lt - 1, depthBudget);
      firstRank = after;
      left = gt + 1;
    } else {
      selectRange(v, ranks, after, endRank, gt + 1, right, depthBudget);
      endRank = split;
      right = lt - 1;
    }
  }
}

/** Dutch-flag partition around the median of three; returns [lt, gt] with v[lt..gt] all equal to the pivot. */
function partition3(v: Float64Array, left: number, right: number): [number, number] {
  const mid = (left + right) >>> 1;
  const a = v[left];
  const b = v[mid];
  const c = v[right];
  const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
  let lt = left;
  let gt = right;
  let i = left;
  while (i <= gt) {
    const x = v[i];
    if (x < pivot) {
      v[i++] = v[lt];
      v[lt++] = x;
    } else if (x > pivot) {
      v[i] = v[gt];
      v[gt--] = x;
    } else i++;
  }
  return [lt, gt];
}

function insertionSort(v: Float64Array, left: number, right: number): void {
  for (let i = left + 1; i <= right; i++) {
    const x = v[i];
    let j = i - 1;
    while (j >= left && v[j] > x) {
      v[j + 1] = v[j];
      j--;
    }
    v[j + 1] = x;
  }
}
