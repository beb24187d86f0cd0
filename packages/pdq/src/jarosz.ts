/**
 * Jarosz filter: two passes of a box filter along rows and along columns, which approximate a
 * tent-shaped blur, then nearest-sample decimation to 64x64. All sums are float32, in the same
 * order as the reference, because PDQ compares coefficients with their median and a last-bit
 * difference can flip a bit that lies close to it.
 */

export const PDQ_SIDE = 64;
const JAROSZ_PASSES = 2;

/** Box width for shrinking `oldSide` samples to `newSide`: ceil(oldSide / (2 * newSide)). */
export function jaroszWindowSize(oldSide: number, newSide: number): number {
  return Math.floor((oldSide + 2 * newSide - 1) / (2 * newSide));
}

/** The phases of one centred box window sliding along `length` samples. */
type BoxPhases = { grow: number; firstWrites: number; slide: number; shrink: number };

function boxPhases(length: number, window: number): BoxPhases {
  const half = Math.floor((window + 2) / 2);
  return { grow: half - 1, firstWrites: window - half + 1, slide: length - window, shrink: half - 1 };
}

/**
 * One box-filter pass along every row. The window is centred: it grows at the start, slides with
 * a running sum, and shrinks at the end, always dividing by the number of samples it covers.
 * Each row's running sum is one long chain of dependent float32 additions, so four rows advance
 * side by side to let the CPU overlap them (about 3x faster than one row at a time).
 */
function boxAlongRows(input: Float32Array, output: Float32Array, rows: number, cols: number, window: number) {
  const { grow, firstWrites, slide, shrink } = boxPhases(cols, window);
  let r = 0;
  for (; r + 4 <= rows; r += 4) {
    const b0 = r * cols;
    const b1 = b0 + cols;
    const b2 = b1 + cols;
    const b3 = b2 + cols;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let count = 0;
    let right = 0;
    let left = 0;
    let out = 0;
    for (let k = 0; k < grow; k++, right++) {
      count++;
      s0 = Math.fround(s0 + input[b0 + right]!);
      s1 = Math.fround(s1 + input[b1 + right]!);
      s2 = Math.fround(s2 + input[b2 + right]!);
      s3 = Math.fround(s3 + input[b3 + right]!);
    }
    for (let k = 0; k < firstWrites; k++, right++, out++) {
      count++;
      s0 = Math.fround(s0 + input[b0 + right]!);
      s1 = Math.fround(s1 + input[b1 + right]!);
      s2 = Math.fround(s2 + input[b2 + right]!);
      s3 = Math.fround(s3 + input[b3 + right]!);
      output[b0 + out] = s0 / count;
      output[b1 + out] = s1 / count;
      output[b2 + out] = s2 / count;
      output[b3 + out] = s3 / count;
    }
    for (let k = 0; k < slide; k++, right++, left++, out++) {
      s0 = Math.fround(Math.fround(s0 + input[b0 + right]!) - input[b0 + left]!);
      s1 = Math.fround(Math.fround(s1 + input[b1 + right]!) - input[b1 + left]!);
      s2 = Math.fround(Math.fround(s2 + input[b2 + right]!) - input[b2 + left]!);
      s3 = Math.fround(Math.fround(s3 + input[b3 + right]!) - input[b3 + left]!);
      output[b0 + out] = s0 / count;
      output[b1 + out] = s1 / count;
      output[b2 + out] = s2 / count;
      output[b3 + out] = s3 / count;
    }
    for (let k = 0; k < shrink; k++, left++, out++) {
      count--;
      s0 = Math.fround(s0 - input[b0 + left]!);
      s1 = Math.fround(s1 - input[b1 + left]!);
      s2 = Math.fround(s2 - input[b2 + left]!);
      s3 = Math.fround(s3 - input[b3 + left]!);
      output[b0 + out] = s0 / count;
      output[b1 + out] = s1 / count;
      output[b2 + out] = s2 / count;
      output[b3 + out] = s3 / count;
    }
  }
  for (; r < rows; r++) boxAlongOneRow(input, output, r * cols, { grow, firstWrites, slide, shrink });
}

/** The same for a single row (the last rows when the height is not a multiple of 4). */
function boxAlongOneRow(input: Float32Array, output: Float32Array, base: number, phases: BoxPhases) {
  let left = base;
  let right = base;
  let out = base;
  let sum = 0;
  let count = 0;
  for (let k = 0; k < phases.grow; k++) {
    sum = Math.fround(sum + input[right++]!);
    count++;
  }
  for (let k = 0; k < phases.firstWrites; k++) {
    sum = Math.fround(sum + input[right++]!);
    count++;
    output[out++] = sum / count;
  }
  for (let k = 0; k < phases.slide; k++) {
    sum = Math.fround(Math.fround(sum + input[right++]!) - input[left++]!);
    output[out++] = sum / count;
  }
  for (let k = 0; k < phases.shrink; k++) {
    sum = Math.fround(sum - input[left++]!);
    count--;
    output[out++] = sum / count;
  }
}

/**
 * The same filter along every column. Columns are independent, so all of them advance together
 * one row at a time (cache-friendly); each column still adds and subtracts in the reference order.
 * `sums` is float32 storage, so every store rounds like the reference's float accumulator.
 */
function boxAlongCols(
  input: Float32Array,
  output: Float32Array,
  rows: number,
  cols: number,
  window: number,
  sums: Float32Array,
) {
  const { grow, firstWrites, slide, shrink } = boxPhases(rows, window);
  sums.fill(0, 0, cols);
  let right = 0;
  let left = 0;
  let out = 0;
  let count = 0;
  for (let k = 0; k < grow; k++, right++, count++) {
    const base = right * cols;
    for (let c = 0; c < cols; c++) sums[c] = sums[c]! + input[base + c]!;
  }
  for (let k = 0; k < firstWrites; k++, right++, out++) {
    const base = right * cols;
    const outBase = out * cols;
    count++;
    for (let c = 0; c < cols; c++) {
      sums[c] = sums[c]! + input[base + c]!;
      output[outBase + c] = sums[c]! / count;
    }
  }
  for (let k = 0; k < slide; k++, right++, left++, out++) {
    const base = right * cols;
    const leftBase = left * cols;
    const outBase = out * cols;
    for (let c = 0; c < cols; c++) {
      const sum = Math.fround(Math.fround(sums[c]! + input[base + c]!) - input[leftBase + c]!);
      sums[c] = sum;
      output[outBase + c] = sum / count;
    }
  }
  for (let k = 0; k < shrink; k++, left++, out++) {
    const leftBase = left * cols;
    const outBase = out * cols;
    count--;
    for (let c = 0; c < cols; c++) {
      sums[c] = sums[c]! - input[leftBase + c]!;
      output[outBase + c] = sums[c]! / count;
    }
  }
}

/** Scratch buffers reused between calls, so hashing many images does not churn the heap. */
export class JaroszScratch {
  a = new Float32Array(0);
  b = new Float32Array(0);
  sums = new Float32Array(0);
  /** The 64 sampled columns of the last pass, before and after their column filter. */
  picked = new Float32Array(0);
  filtered = new Float32Array(0);

  ensure(width: number, height: number): void {
    const pixels = width * height;
    if (this.a.length < pixels) {
      this.a = new Float32Array(pixels);
      this.b = new Float32Array(pixels);
    }
    if (this.sums.length < Math.max(width, PDQ_SIDE)) this.sums = new Float32Array(Math.max(width, PDQ_SIDE));
    if (this.picked.length < height * PDQ_SIDE) {
      this.picked = new Float32Array(height * PDQ_SIDE);
      this.filtered = new Float32Array(height * PDQ_SIDE);
    }
  }
}

/** Index of the sample at the centre of cell `i` of 64 along a side of `size`. */
function cellCentre(i: number, size: number): number {
  return Math.trunc(((i + 0.5) * size) / PDQ_SIDE);
}

/**
 * Blurs `luma` (left unchanged) with the Jarosz filter sized for a 64x64 result and writes the
 * decimated 64x64 samples to `out64`.
 *
 * Only 64 columns of the last column pass are ever sampled, and each column's running sum is
 * independent of the others, so that pass runs on those 64 columns alone: same values, a
 * fraction of the work.
 */
export function jaroszDownsample(
  luma: Float32Array,
  width: number,
  height: number,
  out64: Float32Array,
  scratch: JaroszScratch,
): void {
  scratch.ensure(width, height);
  const { a, b, sums, picked, filtered } = scratch;
  const windowAlongRows = jaroszWindowSize(width, PDQ_SIDE);
  const windowAlongCols = jaroszWindowSize(height, PDQ_SIDE);
  let source = luma;
  for (let pass = 0; pass < JAROSZ_PASSES - 1; pass++) {
    boxAlongRows(source, b, height, width, windowAlongRows);
    boxAlongCols(b, a, height, width, windowAlongCols, sums);
    source = a;
  }
  boxAlongRows(source, b, height, width, windowAlongRows);
  for (let r = 0; r < height; r++) {
    const row = r * width;
    for (let j = 0; j < PDQ_SIDE; j++) picked[r * PDQ_SIDE + j] = b[row + cellCentre(j, width)]!;
  }
  boxAlongCols(picked, filtered, height, PDQ_SIDE, windowAlongCols, sums);
  for (let i = 0; i < PDQ_SIDE; i++) {
    out64.set(
      filtered.subarray(cellCentre(i, height) * PDQ_SIDE, (cellCentre(i, height) + 1) * PDQ_SIDE),
      i * PDQ_SIDE,
    );
  }
}
