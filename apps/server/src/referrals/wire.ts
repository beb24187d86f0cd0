import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.ts';
import { PEER_STATUS_QUEUE, peerStatusHandler } from '../federation/report-back.ts';
import { federationRoutes } from '../federation/routes.ts';
import { slaRoutes } from '../jobs/sla-routes.ts';
import { scheduleSlaJobs, slaHandlers } from '../jobs/sla-watch.ts';
import { startJobWorker } from '../jobs/worker.ts';
import { pushHandlers } from '../push/send-news.ts';
import { retentionHandlers, scheduleRetention } from '../retention/jobs.ts';
import { ensureHelpline } from '../services/helpline.ts';
import { earlyWarningHandlers, scheduleEarlyWarnings } from '../statistics/early-warnings.ts';
import { scheduleUploadSweep, uploadSweepHandlers } from '../uploads/jobs.ts';
import { openUploadStaging } from '../uploads/open-upload-staging.ts';
import { mailSettingsFromEnv } from './connectors.ts';
import { REFERRAL_QUEUE, type ReferralDeps, referralDeliveryHandler } from './referrals.ts';
import { partnerReferralRoutes, staffReferralRoutes } from './routes.ts';
import { deriveLinkKey } from './signing.ts';

/**
 * Builds the referral module's dependencies from the app's. Connector secrets and the SMTP server come
 * from the environment (`secretEnv` names in the pack; `SMTP_URL`, `MAIL_FROM`), never from the pack.
 */
export async function referralDepsOf(
  deps: AppDeps,
  publicUrl: string,
  env: Record<string, string | undefined> = process.env,
): Promise<ReferralDeps | undefined> {
  const pack = deps.pack.countryPack;
  if (!pack) return undefined;
  const helplineId = await ensureHelpline(deps.db, deps.pack);
  return {
    db: deps.db,
    pack,
    helpline: { id: helplineId, name: deps.pack.helplineName },
    publicUrl: (env.PUBLIC_URL ?? publicUrl).replace(/\/+$/, ''),
    linkKey: deriveLinkKey(deps.signingKey.privateKey),
    self: { country: pack.meta.code, privateKey: deps.signingKey.privateKey },
    secretOf: (name) => env[name],
    ...(env.SMTP_URL ? { mail: mailSettingsFromEnv(env)! } : {}),
  };
}

/** Staff referral routes under /api/v1/staff and the partner link routes under /api/v1/partner. */
export async function registerReferralRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const referrals = await referralDepsOf(deps, '');
  if (!referrals) return;
  await app.register(staffReferralRoutes, { db: deps.db, referrals, prefix: '/api/v1/staff' });
  await app.register(partnerReferralRoutes, { referrals, prefix: '/api/v1/partner' });
  await app.register(slaRoutes, { deps, prefix: '/api/v1/staff' });
  // Member states' instances hand cases to each other (federation.yaml; docs/federation.md).
  if (referrals.pack.federation?.length) {
    await app.register(federationRoutes, { deps, referrals, prefix: '/api/v1/federation' });
  }
}

/**
 * This process's job loop: referral delivery, lead-time reminders, retention and the upload sweep. Replicas each run one and share the
 * queue; each also plans reminder jobs every minute (stable job ids make that idempotent).
 */
export async function startServerJobs(deps: AppDeps, publicUrl: string): Promise<{ stop(): Promise<void> }> {
  const referrals = await referralDepsOf(deps, publicUrl);
  const pack = deps.pack.countryPack;
  if (!referrals || !pack) return { stop: async () => {} };
  const plan = () =>
    Promise.all([
      scheduleSlaJobs(deps.db, pack).catch(() => 0),
      scheduleRetention(deps.db).catch(() => false),
      scheduleEarlyWarnings(deps.db).catch(() => false),
      // Uploads whose last byte arrived but whose item was never recorded (database failure, crash).
      scheduleUploadSweep(deps.db).catch(() => false),
    ]);
  await plan();
  const planner = setInterval(plan, 60_000);
  planner.unref();
  const worker = startJobWorker({
    db: deps.db,
    handlers: {
      [REFERRAL_QUEUE]: referralDeliveryHandler(referrals),
      [PEER_STATUS_QUEUE]: peerStatusHandler(pack, referrals.self!),
      ...slaHandlers(deps.db, { mail: referrals.mail, publicUrl: referrals.publicUrl }),
      ...retentionHandlers({ ...deps, staging: await openUploadStaging(deps) }),
      ...uploadSweepHandlers(deps),
      ...pushHandlers(deps.db, deps.push),
      ...earlyWarningHandlers(deps.db, deps.pack, {
        mail: referrals.mail,
        publicUrl: referrals.publicUrl,
        secretOf: referrals.secretOf,
      }),
    },
    onFailure: (f) =>
      deps.logger?.warn(
        { job: f.id, queue: f.queue, attempts: f.attempts, outcome: f.outcome },
        'job failed',
      ),
  });
  return {
    async stop() {
      clearInterval(planner);
      await worker.stop();
    },
  };
}
