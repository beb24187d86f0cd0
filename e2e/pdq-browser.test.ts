/**
 * PDQ in Chromium: the browser decoder (createImageBitmap + canvas + EXIF undo) and the same
 * hashing code as in Node, bundled as the reporter app would ship it, hash every reference image
 * within the conformance tolerance. Images are handed to the page as bytes: nothing is fetched.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdqHashFile } from '../packages/pdq/src/decode-node.ts';
import { DIHEDRAL_NAMES, hammingDistance, type PdqDihedral } from '../packages/pdq/src/index.ts';
import { REFERENCE_DIR, readExpected } from '../packages/pdq/test/reference-data.ts';
import { launchBrowser } from './support/browser.ts';

const rows = readExpected();
let browser: Browser;
let page: Page;
const requests: string[] = [];

declare global {
  interface Window {
    pdqBrowser: {
      pdqDihedralImageBlob: (blob: Blob) => Promise<PdqDihedral>;
      hashPickedFile: (
        blob: Blob,
        onProgress: (fraction: number) => void,
      ) => Promise<{
        md5: string;
        sha256: string;
        bytes: number;
        pdq: { hash: string; quality: number } | null;
      }>;
    };
  }
}

async function hashInBrowser(bytes: Uint8Array, type: string) {
  return page.evaluate(
    async ({ base64, type }) => {
      const binary = atob(base64);
      const data = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) data[i] = binary.charCodeAt(i);
      return window.pdqBrowser.pdqDihedralImageBlob(new Blob([data], { type }));
    },
    { base64: Buffer.from(bytes).toString('base64'), type },
  );
}

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [resolve(import.meta.dirname, '../packages/pdq/src/decode-browser.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'pdqBrowser',
    platform: 'browser',
    target: 'es2022',
  });
  browser = await launchBrowser();
  page = await browser.newPage();
  page.on('request', (r) => requests.push(r.url()));
  await page.setContent('<!doctype html><title>PDQ</title>');
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
});

afterAll(async () => {
  await browser?.close();
});

describe('PDQ in Chromium', () => {
  it.each(rows.map((r) => [r.path, r] as const))('%s', async (_path, row) => {
    const type = row.path.endsWith('.png')
      ? 'image/png'
      : row.path.endsWith('.webp')
        ? 'image/webp'
        : 'image/jpeg';
    const { quality, ...hashes } = await hashInBrowser(readFileSync(row.file), type);
    if (row.quality < 80) {
      expect(quality).toBe(row.quality);
      return;
    }
    expect(quality).toBeGreaterThanOrEqual(80);
    for (const name of DIHEDRAL_NAMES) {
      expect(hammingDistance(hashes[name], row.dihedral[name]), name).toBeLessThanOrEqual(10);
    }
  });

  it.each([2, 3, 4, 5, 6, 7, 8])('a photo with EXIF orientation %i hashes as stored', async (orientation) => {
    const bridge = rows.find((r) => r.path === 'bridge-mods/aaa-orig.jpg')!;
    const jpeg = await sharp(bridge.file).jpeg({ quality: 90 }).withMetadata({ orientation }).toBuffer();
    const stored = await pdqHashFile(jpeg);
    const inBrowser = await hashInBrowser(jpeg, 'image/jpeg');
    expect(hammingDistance(inBrowser.original, stored.hash)).toBeLessThanOrEqual(10);
    expect(hammingDistance(inBrowser.original, bridge.hash)).toBeLessThanOrEqual(10);
  });

  it('hashes a picked photo for the hash-only route: digests, PDQ and progress', async () => {
    const row = rows.find((r) => r.path === 'bridge-mods/aaa-orig.jpg')!;
    const tsv = readFileSync(join(REFERENCE_DIR, 'expected.tsv'), 'utf8');
    const result = await page.evaluate(async (base64) => {
      const binary = atob(base64);
      const data = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) data[i] = binary.charCodeAt(i);
      const progress: number[] = [];
      const photo = await window.pdqBrowser.hashPickedFile(new Blob([data], { type: 'image/jpeg' }), (f) =>
        progress.push(f),
      );
      const video = await window.pdqBrowser.hashPickedFile(
        new Blob([data.subarray(0, 1000)], { type: 'video/mp4' }),
        () => {},
      );
      return { photo, video, progress };
    }, readFileSync(row.file).toString('base64'));
    expect(tsv).toContain(
      `${row.path}\t${result.photo.bytes}\t${result.photo.md5}\t${result.photo.sha256}\t`,
    );
    expect(result.photo.pdq).toEqual({ hash: row.hash, quality: row.quality });
    expect(result.progress.at(-1)).toBe(1);
    expect(result.progress).toEqual([...result.progress].sort((a, b) => a - b));
    expect(result.video.pdq).toBeNull();
    expect(result.video.bytes).toBe(1000);
  });

  it('made no network request', () => {
    expect(requests).toEqual([]);
  });
});
