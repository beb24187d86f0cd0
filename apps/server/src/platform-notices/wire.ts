import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.ts';
import { mailSettingsFromEnv } from '../referrals/connectors.ts';
import { ensureHelpline } from '../services/helpline.ts';
import { platformNoticeRoutes } from './routes.ts';

/** Trusted-flagger notice routes under /api/v1/staff; the SMTP server comes from the environment. */
export async function registerPlatformNoticeRoutes(
  app: FastifyInstance,
  deps: AppDeps,
  env: Record<string, string | undefined> = process.env,
): Promise<void> {
  const pack = deps.pack.countryPack;
  if (!pack) return;
  const helplineId = await ensureHelpline(deps.db, deps.pack);
  const notices = {
    db: deps.db,
    pack,
    helpline: { id: helplineId, name: deps.pack.helplineName },
    mail: mailSettingsFromEnv(env),
    now: () => deps.clock?.() ?? new Date(),
  };
  await app.register(platformNoticeRoutes, { notices, prefix: '/api/v1/staff' });
}
