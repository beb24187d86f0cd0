import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { ReportBody, ReportHash, ReportMetadata } from '@vangnet/core';
import {
  type AgeRecipient,
  accessTokenHash,
  deriveReporterKeys,
  generateReceiptCode,
  type ReporterKeys,
  seal,
  sealJson,
  sha256Hex,
  toBase64,
} from '@vangnet/crypto';
import { type RunningServer, startServer } from '@vangnet/server/server';
import { currentTotpCode, totpStep } from '@vangnet/server/staff/totp';
import type { Page } from 'playwright-core';
import sharp from 'sharp';

/** Shared set-up for the console's browser tests: a real server, real sealed reports, real sign-in. */
const root = join(import.meta.dirname, '..');
const consoleDir = join(root, 'apps/console');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds apps/console when dist is missing or older than its sources (or the core/crypto it bundles). */
export function ensureConsoleBuilt(): void {
  const index = join(consoleDir, 'dist/index.html');
  let built = 0;
  try {
    built = statSync(index).mtimeMs;
  } catch {
    built = 0;
  }
  const sources = Math.max(
    newestMtime(join(consoleDir, 'src')),
    statSync(join(consoleDir, 'index.html')).mtimeMs,
    newestMtime(join(root, 'packages/core/src')),
    newestMtime(join(root, 'packages/crypto/src')),
    newestMtime(join(root, 'packages/ui/src')),
  );
  if (built > sources) return;
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: consoleDir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`console build failed:\n${r.stdout}\n${r.stderr}`);
}

export type ConsoleServer = RunningServer & {
  login: { email: string; password: string; totpSecret: string };
  dataDir: string;
  stop(): Promise<void>;
};

/** `countryPackDir`: a folder under country-packs/ (`BE-VL`) or a path; the server's default pack otherwise. */
export async function startConsoleServer(options: { countryPackDir?: string } = {}): Promise<ConsoleServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vangnet-console-e2e-'));
  const server = await startServer({ port: 0, dataDir, logLevel: 'warn', ...options });
  const login = server.demoLogin as ConsoleServer['login'] | undefined;
  if (!login?.email || !login.password || !login.totpSecret)
    throw new Error('no demo login from startServer');
  return {
    ...server,
    login,
    dataDir,
    stop: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A small PNG with a flat colour and a stripe, different per seed, like a cropped screenshot. */
export async function makePng(seed: number, width = 320, height = 200): Promise<Uint8Array> {
  const base = sharp({
    create: {
      width,
      height,
      channels: 3,
      background: { r: (seed * 70) % 256, g: (seed * 130) % 256, b: 200 },
    },
  });
  const stripe = await sharp({
    create: { width, height: 20, channels: 3, background: { r: 255, g: 255, b: (seed * 40) % 256 } },
  })
    .png()
    .toBuffer();
  return new Uint8Array(
    await base
      .composite([{ input: stripe, top: (seed * 37) % (height - 20), left: 0 }])
      .png()
      .toBuffer(),
  );
}

export type SubmittedReport = {
  reportId: string;
  keys: ReporterKeys;
  body: ReportBody;
  itemIds: string[];
  images: Uint8Array[];
};

const baseMetadata: ReportMetadata = {
  country: 'NL',
  category: 'harassment',
  platform: 'instagram',
  role: 'self',
  ageBand: '13-15',
  flags: { ongoing: true, danger: false, selfHarm: false, imageAbuse: false },
};

/**
 * Sends a report the way the reporter app does: seals the body and each image on "the device" to the
 * helpline's recipients plus the receipt-derived one, submits, then uploads each item over tus.
 */
export async function submitReport(
  url: string,
  options: {
    images?: Uint8Array[];
    /** Other evidence (audio, video, documents), after the images. */
    files?: { bytes: Uint8Array; mediaType: string; kind: 'video' | 'file'; name: string }[];
    description?: string;
    metadata?: Partial<ReportMetadata>;
    /** The language the reporter wrote in (the sealed body's `language`). */
    language?: string;
    /** Hash-only route: picture codes in the clear metadata and in the sealed body. */
    hashes?: ReportHash[];
    links?: string[];
  } = {},
): Promise<SubmittedReport> {
  const config = (await (await fetch(`${url}/api/v1/config`)).json()) as {
    helplineRecipients: AgeRecipient[];
  };
  const keys = await deriveReporterKeys(generateReceiptCode());
  const recipients = [...config.helplineRecipients, keys.recipient];
  const images = options.images ?? [];
  const files = [
    ...images.map((bytes, i) => ({
      bytes,
      mediaType: 'image/png',
      kind: 'image' as const,
      name: `screenshot-${i + 1}.png`,
    })),
    ...(options.files ?? []),
  ];
  const items = await Promise.all(
    files.map(async (file) => {
      const sealed = await seal(file.bytes, recipients);
      const prefix = file.kind === 'image' ? 'img' : 'file';
      return { ...file, id: `${prefix}-${randomUUID().slice(0, 8)}`, plain: file.bytes, sealed };
    }),
  );
  const capturedAt = new Date().toISOString();
  const body: ReportBody = {
    version: 1,
    description: options.description ?? 'Ze sturen elke dag gemene berichten in de groepsapp.',
    links: options.links ?? ['https://example.org/groep/123'],
    language: options.language ?? 'nl',
    ...(options.hashes ? { hashes: options.hashes } : {}),
    manifest: {
      version: 1,
      items: items.map((i) => ({
        id: i.id,
        kind: i.kind,
        mediaType: i.mediaType,
        name: i.name,
        size: i.plain.length,
        sha256: sha256Hex(i.plain),
        capturedAt,
      })),
    },
  };
  const response = await fetch(`${url}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({
      metadata: {
        ...baseMetadata,
        ...options.metadata,
        ...(options.hashes ? { hashes: options.hashes } : {}),
      },
      reporter: { recipient: keys.recipient, accessTokenHash: accessTokenHash(keys.accessToken) },
      body: toBase64(await sealJson(body, recipients)),
      items: items.map((i) => ({ id: i.id, sha256: sha256Hex(i.sealed), size: i.sealed.length })),
    }),
  });
  if (response.status !== 201)
    throw new Error(`submit answered ${response.status}: ${await response.text()}`);
  const { reportId } = (await response.json()) as { reportId: string };
  const tus = { 'tus-resumable': '1.0.0', authorization: `Bearer ${keys.accessToken}` };
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  for (const item of items) {
    const created = await fetch(`${url}/api/v1/uploads`, {
      method: 'POST',
      headers: {
        ...tus,
        'upload-length': String(item.sealed.length),
        'upload-metadata': `reportId ${b64(reportId)},itemId ${b64(item.id)}`,
      },
    });
    if (created.status !== 201) throw new Error(`tus create answered ${created.status}`);
    const patched = await fetch(`${url}${created.headers.get('location')}`, {
      method: 'PATCH',
      headers: { ...tus, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      body: Buffer.from(item.sealed),
    });
    if (patched.status !== 204) throw new Error(`tus patch answered ${patched.status}`);
  }
  return { reportId, keys, body, itemIds: items.map((i) => i.id), images };
}

/** A short mono WAV (16-bit PCM, a sine tone): the smallest audio every browser plays. */
export function makeWav(seconds = 0.5, hz = 440, rate = 8000): Uint8Array {
  const samples = Math.round(seconds * rate);
  const out = Buffer.alloc(44 + samples * 2);
  out.write('RIFF', 0);
  out.writeUInt32LE(36 + samples * 2, 4);
  out.write('WAVEfmt ', 8);
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20);
  out.writeUInt16LE(1, 22);
  out.writeUInt32LE(rate, 24);
  out.writeUInt32LE(rate * 2, 28);
  out.writeUInt16LE(2, 32);
  out.writeUInt16LE(16, 34);
  out.write('data', 36);
  out.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) {
    out.writeInt16LE(Math.round(Math.sin((2 * Math.PI * hz * i) / rate) * 12_000), 44 + i * 2);
  }
  return new Uint8Array(out);
}

/** A TOTP code not used yet: sign-in refuses a replayed step, so wait for the next one when needed. */
let lastStep = -1;
export async function freshTotp(secret: string): Promise<string> {
  while (totpStep(Date.now()) <= lastStep) await new Promise((r) => setTimeout(r, 500));
  lastStep = totpStep(Date.now());
  return currentTotpCode(secret);
}

/** Signs in through the console's own screens, as a worker would. */
export async function signIn(
  page: Page,
  server: Pick<ConsoleServer, 'url' | 'login'>,
  path = '/console/',
): Promise<void> {
  await page.goto(`${server.url}${path}`);
  await page.getByLabel('Work e-mail').fill(server.login.email);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Password').fill(server.login.password);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Code from your authenticator app').fill(await freshTotp(server.login.totpSecret));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Open cases' }).waitFor();
}

export async function axe(page: Page): Promise<{ id: string; nodes: string[] }[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

const shots = join(root, 'screenshots/console');
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

export const DESKTOP = { width: 1280, height: 800 } as const;
