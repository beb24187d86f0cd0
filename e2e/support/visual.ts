import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';

const root = join(import.meta.dirname, '../..');
export const baselineDir = join(root, 'e2e/visual-baselines');
const actualDir = join(root, 'test-results/visual');

/** A channel may differ this much (anti-aliasing), and this share of the pixels may differ at all. */
const CHANNEL_TOLERANCE = 32;
const PIXEL_SHARE = 0.005;

/** Fixed fonts and no caret or motion, so a picture depends on the code and nothing else. */
export async function steady(page: Page): Promise<void> {
  await page.addStyleTag({
    content:
      '*{font-family:"DejaVu Sans",sans-serif!important;caret-color:transparent!important}.receipt-code{font-family:"DejaVu Sans Mono",monospace!important}',
  });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

export type Comparison = {
  name: string;
  differing: number;
  share: number;
  sizeMatches: boolean;
  created: boolean;
};

/**
 * Compares a screenshot of the page with its committed baseline (e2e/visual-baselines/<name>.png).
 * No baseline yet, or UPDATE_SCREENSHOTS=1: the picture becomes the baseline. A difference leaves the
 * actual picture and a diff in test-results/visual/ to look at.
 */
export async function compareScreenshot(page: Page, name: string): Promise<Comparison> {
  const shot = await page.screenshot({ fullPage: true, animations: 'disabled', caret: 'hide' });
  const baseline = join(baselineDir, `${name}.png`);
  if (!existsSync(baseline) || process.env.UPDATE_SCREENSHOTS === '1') {
    mkdirSync(baselineDir, { recursive: true });
    await sharp(shot).png({ compressionLevel: 9, palette: true, quality: 100 }).toFile(baseline);
    return { name, differing: 0, share: 0, sizeMatches: true, created: true };
  }
  const [a, b] = await Promise.all(
    [shot, baseline].map((input) => sharp(input).ensureAlpha().raw().toBuffer({ resolveWithObject: true })),
  );
  const sizeMatches = a!.info.width === b!.info.width && a!.info.height === b!.info.height;
  let differing = 0;
  const pixels = a!.info.width * a!.info.height;
  const diff = Buffer.alloc(pixels * 4, 255);
  if (sizeMatches) {
    for (let p = 0; p < pixels; p++) {
      const i = p * 4;
      const off = [0, 1, 2].some((c) => Math.abs(a!.data[i + c]! - b!.data[i + c]!) > CHANNEL_TOLERANCE);
      if (off) {
        differing++;
        diff[i] = 255;
        diff[i + 1] = 0;
        diff[i + 2] = 0;
      }
    }
  }
  const share = sizeMatches ? differing / pixels : 1;
  if (share > PIXEL_SHARE) {
    mkdirSync(actualDir, { recursive: true });
    writeFileSync(join(actualDir, `${name}.actual.png`), shot);
    if (sizeMatches) {
      await sharp(diff, { raw: { width: a!.info.width, height: a!.info.height, channels: 4 } })
        .png()
        .toFile(join(actualDir, `${name}.diff.png`));
    }
  }
  return { name, differing, share, sizeMatches, created: false };
}

export const WITHIN_TOLERANCE = PIXEL_SHARE;
