/**
 * PDQ's quality score: how much detail the 64x64 block has, from the sum of absolute differences
 * between neighbours (scaled to 0..100 per step, truncated like the reference's int casts).
 * Flat or nearly blank images score low, and their hashes should not be trusted for matching.
 */
export function pdqQuality(block64: Float32Array): number {
  let gradientSum = 0;
  for (let i = 0; i < 63; i++) {
    for (let j = 0; j < 64; j++) {
      gradientSum += Math.abs(scaledStep(block64[i * 64 + j]!, block64[(i + 1) * 64 + j]!));
    }
  }
  for (let i = 0; i < 64; i++) {
    for (let j = 0; j < 63; j++) {
      gradientSum += Math.abs(scaledStep(block64[i * 64 + j]!, block64[i * 64 + j + 1]!));
    }
  }
  return Math.min(100, Math.trunc(gradientSum / 90));
}

function scaledStep(u: number, v: number): number {
  return Math.trunc(Math.fround(Math.fround(Math.fround(u - v) * 100) / 255));
}
