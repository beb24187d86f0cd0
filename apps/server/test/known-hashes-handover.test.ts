import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type HashSubmission, hashSubmissionSchema, type ReportHash } from '@vangnet/core';
import { fromBase64, generateIdentity, openJson, type Sealed, sealJson, toBase64 } from '@vangnet/crypto';
import { pdqHashFile } from '@vangnet/pdq/decode-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadActivePack } from '../src/active-pack.ts';
import { repoRoot } from '../src/config.ts';
import { runDueJobs } from '../src/jobs/worker.ts';
import type { ReferralPackage } from '../src/referrals/referral-package.ts';
import { REFERRAL_QUEUE, referralDeliveryHandler } from '../src/referrals/referrals.ts';
import { packWithConnectors } from '../src/referrals/test-fixtures.ts';
import { referralDepsOf } from '../src/referrals/wire.ts';
import { ensureHelpline } from '../src/services/helpline.ts';
import { addHelpline, addWorker, signInAs } from './staff-fixtures.ts';
import { databaseKinds } from './support/databases.ts';
import { prepareReport, submit } from './support/reporter-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

const HOTLINE = 'meldpunt-kinderporno';
const SECRET_ENV = 'TEST_HOTLINE_WEBHOOK_SECRET';
const env = { [SECRET_ENV]: 'hotline-test-secret' };

/** The hotline's webhook endpoint: records every delivery. */
async function startReceiver(): Promise<{ url: string; bodies: string[]; server: Server }> {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      bodies.push(body);
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/referrals`, bodies, server };
}

describe.each(databaseKinds())('hash-only case handed to the hotline as a hash submission on %s', (kind) => {
  let t: TestApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let cookie: string;
  let adminCookie: string;
  let image: Buffer;
  let photo: ReportHash;

  beforeAll(async () => {
    receiver = await startReceiver();
    const countryPack = await packWithConnectors({
      [HOTLINE]: { type: 'webhook', url: receiver.url, secretEnv: SECRET_ENV },
    });
    const nl = await loadActivePack(join(repoRoot, 'country-packs/NL'));
    // The routes read connector secrets from the environment, as on a real start.
    process.env[SECRET_ENV] = env[SECRET_ENV];
    t = await startTestApp(kind, { pack: { ...nl, countryPack } });
    const helpline = await addHelpline(t.deps.db, 'NL', await ensureHelpline(t.deps.db, t.deps.pack));
    cookie = (await signInAs(t.app, await addWorker(t.deps.db, helpline, 'caseworker'))).cookie;
    adminCookie = (await signInAs(t.app, await addWorker(t.deps.db, helpline, 'admin'))).cookie;
    image = await readFile(join(repoRoot, '..', 'shared/reference-data/pdq/images/bridge-mods/aaa-orig.jpg'));
    const { hash, quality } = await pdqHashFile(image);
    photo = {
      kind: 'image',
      pdq: hash,
      pdqQuality: quality,
      md5: createHash('md5').update(image).digest('hex'),
      sha256: createHash('sha256').update(image).digest('hex'),
    };
  }, 60_000);
  afterAll(async () => {
    delete process.env[SECRET_ENV];
    await new Promise((r) => receiver.server.close(r));
    await t?.close();
  });

  it('proposes the hotline first and delivers the hashes and checked URLs, sealed, with no image', async () => {
    const list = [
      'pdq,quality',
      ...Array.from({ length: 50 }, () => `${randomBytes(32).toString('hex')},90`),
    ];
    list.push(`${photo.pdq},${photo.pdqQuality}`);
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff/known-hash-lists?source=hotline-list',
      headers: { cookie: adminCookie, 'content-type': 'text/csv' },
      payload: list.join('\n'),
    });
    expect(imported.statusCode, imported.body).toBe(201);

    const prepared = await prepareReport(t, {
      description: 'Iemand deelt een foto van mij.',
      metadata: { category: 'sextortion', ageBand: '13-15', hashes: [photo] },
    });
    const submitted = await submit(t, prepared.request);
    expect(submitted.statusCode, submitted.body).toBe(201);
    const caseId = submitted.json().reportId as string;

    const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
    const proposal = (await get(`/api/v1/staff/cases/${caseId}/referrals`)).json();
    expect(proposal.proposed[0]).toMatchObject({ serviceId: HOTLINE, connector: 'webhook' });
    const matches = (await get(`/api/v1/staff/cases/${caseId}/hash-matches`)).json().matches;
    expect(matches).toHaveLength(1);

    // The console: hashes from the case, the URL the worker checked, sealed to the hotline's key.
    const hotlineKey = await generateIdentity();
    const submission: HashSubmission = {
      type: 'vangnet.hash-submission',
      version: 1,
      country: 'NL',
      category: 'sextortion',
      ageBand: '13-15',
      hashes: [photo],
      urls: ['https://social.example/p/123'],
      matches: matches.map(
        ({ source, version, kind, hashIndex, distance }: HashSubmission['matches'][0]) => ({
          source,
          version,
          kind,
          hashIndex,
          distance,
        }),
      ),
    };
    expect(hashSubmissionSchema.safeParse(submission).success).toBe(true);
    const sealed = toBase64(await sealJson(submission, [hotlineKey.recipient]));
    const referred = await t.app.inject({
      method: 'POST',
      url: `/api/v1/staff/cases/${caseId}/referrals`,
      headers: { cookie },
      payload: { serviceId: HOTLINE, consent: true, sealed },
    });
    expect(referred.statusCode, referred.body).toBe(201);

    const referrals = await referralDepsOf(t.deps, t.url, env);
    await runDueJobs({
      db: t.deps.db,
      handlers: { [REFERRAL_QUEUE]: referralDeliveryHandler(referrals!) },
      clock: () => new Date(),
    });
    expect(receiver.bodies).toHaveLength(1);
    const delivered = receiver.bodies[0]!;
    const pkg = JSON.parse(delivered) as ReferralPackage;
    expect(pkg.service.id).toBe(HOTLINE);
    const opened = await openJson(fromBase64(pkg.sealed) as Sealed<HashSubmission>, [hotlineKey.identity]);
    expect(hashSubmissionSchema.parse(opened)).toEqual(submission);

    // No image travelled: the whole delivery is a few kilobytes, the photo is many times that, and
    // no run of its bytes (raw or base64) is in it.
    expect(delivered.length).toBeLessThan(8_000);
    expect(image.length).toBeGreaterThan(50_000);
    expect(delivered).not.toContain(image.subarray(1000, 1048).toString('base64'));
    expect(Buffer.from(delivered).includes(image.subarray(1000, 1048))).toBe(false);
    // The URL is sealed: the clear part of the package does not carry it.
    expect(delivered).not.toContain('social.example');
  });

  it('refuses a submission with an image or a non-web URL in it', () => {
    const base = {
      type: 'vangnet.hash-submission',
      version: 1,
      country: 'NL',
      category: 'sextortion',
      ageBand: '13-15',
      hashes: [photo],
      urls: [],
      matches: [],
    };
    expect(hashSubmissionSchema.safeParse(base).success).toBe(true);
    expect(hashSubmissionSchema.safeParse({ ...base, image: image.toString('base64') }).success).toBe(false);
    expect(hashSubmissionSchema.safeParse({ ...base, urls: ['javascript:alert(1)'] }).success).toBe(false);
    expect(hashSubmissionSchema.safeParse({ ...base, hashes: [] }).success).toBe(false);
  });
});
