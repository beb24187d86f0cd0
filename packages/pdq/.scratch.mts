import { dct64To16 } from './src/dct.ts';
import { JaroszScratch, jaroszDownsample } from './src/jarosz.ts';
import { luminanceFromRgba } from './src/luma.ts';
import { pdqQuality } from './src/quality.ts';

const w = 512,
  h = 512;
const rgba = new Uint8Array(w * h * 4);
for (let i = 0; i < rgba.length; i++) rgba[i] = ((i * 2654435761) >>> 24) & 255;
const luma = new Float32Array(w * h);
const block = new Float32Array(4096);
const s = new JaroszScratch();
const dct = new Float32Array(256),
  t = new Float32Array(1024);
function bench(name: string, f: () => void) {
  for (let i = 0; i < 50; i++) f();
  const n = 200;
  const st = performance.now();
  for (let i = 0; i < n; i++) f();
  console.log(name, ((performance.now() - st) / n).toFixed(3), 'ms');
}
bench('luma', () => luminanceFromRgba({ data: rgba, width: w, height: h }, luma));
bench('jarosz', () => jaroszDownsample(luma, w, h, block, s));
bench('quality', () => pdqQuality(block));
bench('dct', () => dct64To16(block, dct, t));
