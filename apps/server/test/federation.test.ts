import { join } from 'node:path';
import { type CountryPack, type FederationPeer, type PartnerContent, partnerContent } from '@vangnet/core';
import {
  type AgeRecipient,
  generateSigningKey,
  openJson,
  type Sealed,
  sealJson,
  toBase64,
  verifyCountersignature,
} from '@vangnet/crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActivePack, loadActivePack } from '../src/active-pack.ts';
import { repoRoot } from '../src/config.ts';
import { auditLog, federatedReferrals, jobs, reportEvents, reports } from '../src/db/schema/index.ts';
import { FEDERATION_PREFIX, referralsRoute } from '../src/federation/federated-package.ts';
import { signPeerRequest } from '../src/federation/peer-signature.ts';
import { postToPeer } from '../src/federation/post-to-peer.ts';
import { PEER_STATUS_QUEUE, peerStatusHandler } from '../src/federation/report-back.ts';
import { runDueJobs } from '../src/jobs/worker.ts';
import {
  federatedPackageOf,
  REFERRAL_QUEUE,
  type ReferralDeps,
  type ReferralPayload,
  referralDeliveryHandler,
} from '../src/referrals/referrals.ts';
import { referralDepsOf } from '../src/referrals/wire.ts';
import { buildReceipt } from '../src/services/intake.ts';
import { signStatement } from '../src/sign-statement.ts';
import { addHelpline, addVisibleReport, addWorker, signInAs, type TestHelpline } from './staff-fixtures.ts';
import { openTestDatabase } from './support/databases.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

/**
 * Federation between member states (issue 14; docs/federation.md): an NL and a BE-VL instance side by
 * side on loopback, each on its own schema of the machine's PostgreSQL. The NL worker refers a case to the
 * Flemish helpline; the package is sealed to that helpline (with the crypto package the console uses),
 * signed by the NL server, delivered by NL's referral job, verified by BE-VL against its peer list and
 * queued there; BE-VL acknowledges and reports the outcome back, signed, and NL's case shows both.
 */
const POSTGRES = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const LEAD_TIMES = { firstContact: 'PT24H', handover: 'PT4H' };

async function packWithPeers(code: string, peers: FederationPeer[]): Promise<ActivePack> {
  const active = await loadActivePack(join(repoRoot, 'country-packs', code));
  const countryPack = structuredClone(active.countryPack) as CountryPack;
  countryPack.federation = peers;
  return { ...active, countryPack };
}

describe('NL → BE-VL federated referral on PostgreSQL', () => {
  const nlKey = generateSigningKey();
  const beKey = generateSigningKey();
  let nl: TestApp;
  let be: TestApp;
  let nlHelpline: TestHelpline;
  let beHelpline: TestHelpline;
  let nlReferrals: ReferralDeps;
  let nlCookie: string;
  let beCookie: string;
  let caseId: string;
  let marker: string;
  let referralId: string;

  const nlJobs = () =>
    runDueJobs({ db: nl.deps.db, handlers: { [REFERRAL_QUEUE]: referralDeliveryHandler(nlReferrals) } });
  const beJobs = () =>
    runDueJobs({
      db: be.deps.db,
      handlers: {
        [PEER_STATUS_QUEUE]: peerStatusHandler(be.deps.pack.countryPack!, {
          country: 'BE-VL',
          privateKey: beKey.privateKey,
        }),
      },
    });
  const beCases = () => be.deps.db.select().from(reports);
  const audits = (app: TestApp, action: string) =>
    app.deps.db.select().from(auditLog).where(eq(auditLog.action, action));

  beforeAll(async () => {
    const nlDb = await openTestDatabase('postgres', POSTGRES);
    const beDb = await openTestDatabase('postgres', POSTGRES);
    // The oldest helpline of the pack's country is the one the server serves (services/helpline.ts).
    nlHelpline = await addHelpline(nlDb.db, 'NL');
    beHelpline = await addHelpline(beDb.db, 'BE-VL');
    // Ports are known once the apps listen: the peer lists get their addresses after the start.
    const bePeer: FederationPeer = {
      id: 'be-vl',
      country: 'BE-VL',
      helplineName: 'Hulplijn 1712',
      url: 'http://127.0.0.1:1',
      publicKey: beKey.publicKey,
      recipient: beHelpline.recipient,
      leadTimes: LEAD_TIMES,
    };
    const nlPeer: FederationPeer = {
      id: 'nl',
      country: 'NL',
      helplineName: 'Helpwanted',
      url: 'http://127.0.0.1:1',
      publicKey: nlKey.publicKey,
      recipient: nlHelpline.recipient,
      leadTimes: LEAD_TIMES,
    };
    nl = await startTestApp(
      'postgres',
      { pack: await packWithPeers('NL', [bePeer]), signingKey: nlKey },
      nlDb,
    );
    be = await startTestApp(
      'postgres',
      { pack: await packWithPeers('BE-VL', [nlPeer]), signingKey: beKey },
      beDb,
    );
    bePeer.url = be.url;
    nlPeer.url = nl.url;
    nlReferrals = (await referralDepsOf(nl.deps, nl.url))!;

    const report = await addVisibleReport(nlDb.db, nl.deps.blobs, nlHelpline);
    caseId = report.id;
    marker = report.marker;
    // A real countersigned receipt, as intake makes it: BE-VL checks it against NL's key.
    const receipt = buildReceipt(caseId, new Date(), 'NL', report.body, []);
    await nlDb.db
      .update(reports)
      .set({ receipt, signature: signStatement(receipt, nlKey.privateKey) })
      .where(eq(reports.id, caseId));
    nlCookie = (await signInAs(nl.app, await addWorker(nlDb.db, nlHelpline, 'caseworker'))).cookie;
    beCookie = (await signInAs(be.app, await addWorker(beDb.db, beHelpline, 'caseworker'))).cookie;
  }, 120_000);

  afterAll(async () => {
    await nl?.close();
    await be?.close();
  });

  it('the NL console is offered the Flemish helpline, with the key to seal to', async () => {
    const response = await nl.app.inject({
      method: 'GET',
      url: `/api/v1/staff/cases/${caseId}/referrals`,
      headers: { cookie: nlCookie },
    });
    expect(response.statusCode).toBe(200);
    const peer = response.json().proposed.find((p: { serviceId: string }) => p.serviceId === 'be-vl');
    expect(peer).toMatchObject({
      name: 'Hulplijn 1712 (BE-VL)',
      reach: 'federation',
      recipient: beHelpline.recipient,
    });
  });

  it('sends, verifies and queues: one case at BE-VL however often the delivery is retried', async () => {
    // What the console does in the browser: the chosen parts, sealed to the peer helpline's recipient.
    const content = partnerContent({
      helpline: 'Helpwanted',
      service: { id: 'be-vl', name: 'Hulplijn 1712' },
      metadata: {
        country: 'NL',
        category: 'harassment',
        platform: 'instagram',
        role: 'self',
        ageBand: '13-15',
        flags: { ongoing: false, danger: false, selfHarm: false, imageAbuse: false },
      },
      body: {
        version: 1,
        description: `what happened ${marker}`,
        links: [],
        language: 'nl',
        manifest: { version: 1, items: [] },
      },
      shared: ['description'],
      consentAt: new Date(),
    });
    const sealed = toBase64(await sealJson(content, [beHelpline.recipient as AgeRecipient]));
    const refer = () =>
      nl.app.inject({
        method: 'POST',
        url: `/api/v1/staff/cases/${caseId}/referrals`,
        headers: { cookie: nlCookie },
        payload: { serviceId: 'be-vl', consent: true, sealed, shared: ['description'] },
      });
    const first = await refer();
    expect(first.statusCode).toBe(201);
    referralId = first.json().referralId;
    expect((await refer()).json().referralId).toBe(referralId);

    // A delivery whose answer got lost: the same package arrives before the job's own attempt.
    const [job] = await nl.deps.db.select().from(jobs).where(eq(jobs.queue, REFERRAL_QUEUE));
    const payload = job!.payload as ReferralPayload;
    const peer = nlReferrals.pack.federation![0]!;
    const pkg = federatedPackageOf('NL', 'Helpwanted', peer, payload, payload.sealed!, payload.peer!);
    const self = { country: 'NL', privateKey: nlKey.privateKey };
    await postToPeer(peer, referralsRoute(), pkg, self, new Date());
    expect(await nlJobs()).toBe(1);
    await postToPeer(peer, referralsRoute(), pkg, self, new Date());

    const cases = await beCases();
    expect(cases).toHaveLength(1);
    const received = cases[0]!;
    expect(received).toMatchObject({
      helplineId: beHelpline.id,
      country: 'BE-VL',
      category: 'harassment',
      status: 'new',
      reporterRecipient: nlHelpline.recipient,
    });
    expect(received.visibleAt).not.toBeNull();
    // The Flemish helpline opens it with its own key; the sending helpline's key does not.
    const opened = await openJson<PartnerContent>(received.body as Sealed<PartnerContent>, [
      beHelpline.identity,
    ]);
    expect(opened.description).toContain(marker);
    await expect(openJson(received.body as Sealed<unknown>, [nlHelpline.identity])).rejects.toThrow();
    expect(Buffer.from(received.body).toString('latin1')).not.toContain(marker);
    // BE-VL countersigned its own receipt of what it got, and kept NL's receipt of the original.
    expect(verifyCountersignature(received.receipt as never, received.signature!, beKey.publicKey)).toBe(
      true,
    );
    const [federated] = await be.deps.db.select().from(federatedReferrals);
    expect(federated).toMatchObject({ peerId: 'nl', remoteReferralId: referralId, caseId: received.id });
    expect(federated!.origin).toMatchObject({
      country: 'NL',
      receiptVerified: true,
      shared: ['description'],
    });
    expect((federated!.origin as { receipt: { reportId: string } }).receipt.reportId).toBe(caseId);
    expect(await audits(be, 'federation.received')).toHaveLength(1);

    const state = await nl.app.inject({
      method: 'GET',
      url: `/api/v1/staff/cases/${caseId}/referrals`,
      headers: { cookie: nlCookie },
    });
    expect(state.json().referrals).toEqual([
      expect.objectContaining({ referralId, serviceId: 'be-vl', state: 'delivered' }),
    ]);
  });

  it('acknowledges, then reports the outcome back; the NL case shows both', async () => {
    expect(await beJobs()).toBe(1);
    const [received] = await beCases();
    // The receiving console is told who handed the case over, and that the original receipt held.
    const detail = await be.app.inject({
      method: 'GET',
      url: `/api/v1/staff/cases/${received!.id}`,
      headers: { cookie: beCookie },
    });
    expect(detail.json().federatedFrom).toEqual({
      country: 'NL',
      helplineName: 'Helpwanted',
      receiptVerified: true,
    });
    const status = await be.app.inject({
      method: 'POST',
      url: `/api/v1/staff/cases/${received!.id}/status`,
      headers: { cookie: beCookie },
      payload: { status: 'in-progress' },
    });
    expect(status.statusCode).toBe(200);
    expect(await beJobs()).toBe(1);

    const state = await nl.app.inject({
      method: 'GET',
      url: `/api/v1/staff/cases/${caseId}/referrals`,
      headers: { cookie: nlCookie },
    });
    expect(state.json().referrals).toEqual([
      expect.objectContaining({ referralId, state: 'outcome', outcome: 'accepted' }),
    ]);
    const events = await nl.deps.db.select().from(reportEvents).where(eq(reportEvents.reportId, caseId));
    expect(events.map((e) => e.event)).toEqual(
      expect.arrayContaining(['handed-over', 'partner-confirmed', 'partner-outcome']),
    );
    expect(events.find((e) => e.event === 'partner-outcome')?.detail).toMatchObject({
      service: 'Hulplijn 1712',
      outcome: 'accepted',
    });
    const answers = await nl.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actor, 'peer:be-vl'), eq(auditLog.caseId, caseId)));
    expect(answers.map((a) => a.action)).toEqual(['referral.acknowledged', 'referral.outcome']);
  });

  it('refuses an instance not on the peer list, and a bad signature, with problem+json; audited, nothing stored', async () => {
    const before = (await beCases()).length;
    const stranger = generateSigningKey();
    const body = JSON.stringify({ version: 1, kind: 'vangnet-federated-referral' });
    const post = (header: string) =>
      be.app.inject({
        method: 'POST',
        url: `${FEDERATION_PREFIX}/referrals`,
        headers: { 'content-type': 'application/json', 'vangnet-peer-signature': header },
        payload: body,
      });
    const route = referralsRoute();
    const unknown = await post(
      signPeerRequest({ from: 'IE', to: 'BE-VL', route, body }, stranger.privateKey, new Date()),
    );
    expect(unknown.statusCode).toBe(403);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.json().code).toBe('federation.unknown-peer');
    // Claims to be NL, signed with another key.
    const forged = await post(
      signPeerRequest({ from: 'NL', to: 'BE-VL', route, body }, stranger.privateKey, new Date()),
    );
    expect(forged.statusCode).toBe(401);
    expect(forged.json().code).toBe('federation.bad-signature');
    expect(
      (await be.app.inject({ method: 'POST', url: `${FEDERATION_PREFIX}/referrals`, payload: {} })).json()
        .code,
    ).toBe('federation.unknown-peer');

    // Signed by NL but not a package (extra flag): refused by the schema, nothing stored, no refusal audit.
    const bad = JSON.stringify({
      version: 1,
      kind: 'vangnet-federated-referral',
      metadata: { flags: { x: true } },
    });
    const malformed = await be.app.inject({
      method: 'POST',
      url: `${FEDERATION_PREFIX}/referrals`,
      headers: {
        'content-type': 'application/json',
        'vangnet-peer-signature': signPeerRequest(
          { from: 'NL', to: 'BE-VL', route, body: bad },
          nlKey.privateKey,
          new Date(),
        ),
      },
      payload: bad,
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');

    const refused = await audits(be, 'federation.refused');
    expect(refused.map((r) => [r.actor, (r.detail as { reason: string }).reason])).toEqual([
      ['peer:IE', 'unknown-peer'],
      ['peer:NL', 'bad-signature'],
      ['peer:unknown', 'unknown-peer'],
    ]);
    expect(await beCases()).toHaveLength(before);

    // The sender checks answers the same way: a stranger cannot report an outcome on NL's referral.
    const statusBody = JSON.stringify({ acknowledgedAt: new Date().toISOString(), outcome: 'declined' });
    const statusPath = `${FEDERATION_PREFIX}/referrals/${referralId}/status`;
    const fake = await nl.app.inject({
      method: 'POST',
      url: statusPath,
      headers: {
        'content-type': 'application/json',
        'vangnet-peer-signature': signPeerRequest(
          { from: 'BE-VL', to: 'NL', route: `POST ${statusPath}`, body: statusBody },
          stranger.privateKey,
          new Date(),
        ),
      },
      payload: statusBody,
    });
    expect(fake.statusCode).toBe(401);
    expect(await audits(nl, 'federation.refused')).toHaveLength(1);
  });
});
