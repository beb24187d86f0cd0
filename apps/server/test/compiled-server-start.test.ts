import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript (it runs before any build), without type declarations.
import { buildServer, bundleFile, serverBuildIsFresh } from '../bin/server-build.mjs';
import { repoRoot } from '../src/config.ts';

// `npm start` runs the compiled bundle (apps/server/dist/main.mjs), which sits at another depth than
// the sources: a path worked out from a module's own location can be right in the sources and wrong in
// the bundle. The rest of the suite runs the sources; this starts the bundle itself, on the embedded
// database, with the committed packs.
describe('the compiled server', () => {
  const dataDirs: string[] = [];
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) child.kill('SIGKILL');
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  it.each(['NL', 'BE-VL'])(
    'starts with the %s pack and answers /healthz and the pack',
    async (pack) => {
      if (!serverBuildIsFresh()) await buildServer();
      const dataDir = mkdtempSync(join(tmpdir(), 'vangnet-compiled-'));
      dataDirs.push(dataDir);
      const child = spawn(process.execPath, [bundleFile as string], {
        cwd: repoRoot,
        env: {
          ...process.env,
          DATA_DIR: dataDir,
          DATABASE_URL: '',
          PORT: '0',
          LOG_LEVEL: 'warn',
          COUNTRY_PACK: pack,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      let errors = '';
      child.stderr?.on('data', (d) => {
        errors += d;
      });
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout?.on('data', (d) => {
          out += d;
          const line = out.split('\n').find((l) => l.startsWith('VANGNET_READY '));
          if (line) resolve(JSON.parse(line.slice('VANGNET_READY '.length)).url);
        });
        child.on('exit', (code) => reject(new Error(`exited with ${code}: ${errors.slice(0, 2000)}`)));
      });
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const config = (await (await fetch(`${url}/api/v1/config`)).json()) as { country: string };
      expect(config.country).toBe(pack);
      expect((await fetch(`${url}/`)).status).toBe(200);
      child.kill('SIGTERM');
    },
    180_000,
  );
});
