/**
 * The part of the 2D DCT-II that PDQ keeps: the 16x16 lowest frequencies of a 64x64 block,
 * without the DC row and column. `B = D · A · Dᵀ` with the 16x64 matrix D below, in float32.
 */

const N = 64;
const K = 16;

/**
 * D[i][j] = sqrt(2/64) · cos(π/128 · (i+1) · (2j+1)). The scale is a float32 constant times the
 * cosine in double, rounded to float32: with exactly these roundings our DCT output equals the
 * reference's bit for bit (the conformance test checks it).
 */
function buildDctMatrix(): Float32Array {
  const d = new Float32Array(K * N);
  const scale = Math.fround(Math.sqrt(2 / N));
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < N; j++) d[i * N + j] = scale * Math.cos((Math.PI / 2 / N) * (i + 1) * (2 * j + 1));
  }
  return d;
}

const DCT_MATRIX = buildDctMatrix();

/**
 * Writes the 16x16 coefficients of the 64x64 block `a` to `out`; `t` (16x64) is scratch.
 * Each coefficient is summed over k in ascending order, rounding to float32 after every step,
 * which is what the reference does.
 */
export function dct64To16(a: Float32Array, out: Float32Array, t: Float32Array): void {
  const d = DCT_MATRIX;
  // T = D · A, accumulated row by row of A so the inner loop runs over contiguous memory.
  t.fill(0);
  for (let i = 0; i < K; i++) {
    const tRow = i * N;
    for (let k = 0; k < N; k++) {
      const dik = d[i * N + k]!;
      const aRow = k * N;
      for (let j = 0; j < N; j++) t[tRow + j] = t[tRow + j]! + Math.fround(dik * a[aRow + j]!);
    }
  }
  // B = T · Dᵀ
  for (let i = 0; i < K; i++) {
    const tRow = i * N;
    for (let j = 0; j < K; j++) {
      const dRow = j * N;
      let sum = 0;
      for (let k = 0; k < N; k++) sum = Math.fround(sum + Math.fround(t[tRow + k]! * d[dRow + k]!));
      out[i * K + j] = sum;
    }
  }
}
