import { type CountryPack, preventionSignal } from '@vangnet/core';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { createTransport } from 'nodemailer';
import type { Db } from '../db/open-database.ts';
import { earlyWarnings, workers } from '../db/schema/index.ts';
import { enqueueJob } from '../jobs/queue.ts';
import type { JobHandler } from '../jobs/worker.ts';
import { DeliveryError, type MailSettings } from '../referrals/connectors.ts';
import { DELIVERY_ID_HEADER, SIGNATURE_HEADER, signWebhook } from '../referrals/signing.ts';

/**
 * What happens around a flagged rise (docs/early-warnings.md): supervisors get a content-free e-mail that
 * there is something to look at in the console, and a rise a supervisor released goes, as a k-anonymous
 * prevention signal, to each of the pack's prevention partners through its connector (one job per partner,
 * retried, never sent twice).
 */
export const PREVENTION_SIGNAL_QUEUE = 'statistics.prevention-signal';

export type RiseNotify = {
  /** SMTP settings (`SMTP_URL`, `MAIL_FROM`); without them rises reach the console only. */
  mail?: MailSettings | undefined;
  /** The server's public address, for the console link in the mail. */
  publicUrl: string;
  /** Reads a webhook connector's secret (`secretEnv`) from the environment. */
  secretOf?: (name: string) => string | undefined;
};

/** Says only that there is something to look at: no series, no figures, nothing about anyone. */
export function riseMailText(count: number, link: string): { subject: string; text: string } {
  return {
    subject: 'Vangnet: the daily check flagged an unusual rise in reports',
    text: [
      count === 1
        ? 'The daily check flagged 1 unusual rise in reports.'
        : `The daily check flagged ${count} unusual rises in reports.`,
      'A supervisor decides whether a prevention signal goes out.',
      '',
      `Look in the console (sign-in required): ${link}`,
    ].join('\n'),
  };
}

/** Active supervisors of the helpline; its administrators when it has none. */
async function supervisorsOf(db: Db, helplineId: string): Promise<string[]> {
  const of = async (role: string) =>
    (
      await db
        .select({ email: workers.email })
        .from(workers)
        .where(and(eq(workers.helplineId, helplineId), eq(workers.role, role), isNull(workers.disabledAt)))
        .orderBy(workers.id)
    ).map((w) => w.email);
  const supervisors = await of('supervisor');
  return supervisors.length ? supervisors : of('admin');
}

/**
 * Mails the supervisors once about open rises nobody was told of yet, one mail per person. The rises are
 * marked only after every mail was accepted, so a refused mail is tried again with the next run.
 */
export async function mailSupervisorsAboutRises(
  db: Db,
  helplineId: string,
  notify: RiseNotify,
  now: Date,
): Promise<number> {
  if (!notify.mail) return 0;
  const pending = await db
    .select({ id: earlyWarnings.id })
    .from(earlyWarnings)
    .where(
      and(
        eq(earlyWarnings.helplineId, helplineId),
        eq(earlyWarnings.status, 'open'),
        isNull(earlyWarnings.notifiedAt),
      ),
    );
  if (pending.length === 0) return 0;
  const to = await supervisorsOf(db, helplineId);
  const { subject, text } = riseMailText(pending.length, `${notify.publicUrl}/console/figures`);
  const transport = createTransport(notify.mail.url);
  try {
    for (const address of to) {
      await transport.sendMail({
        from: notify.mail.from,
        to: address,
        subject,
        text,
        headers: { 'X-Vangnet-Early-Warning': String(pending.length) },
      });
    }
  } catch (e) {
    throw new Error(`early-warning e-mail not accepted (${(e as { code?: string }).code ?? 'error'})`);
  } finally {
    transport.close();
  }
  await db
    .update(earlyWarnings)
    .set({ notifiedAt: now })
    .where(
      inArray(
        earlyWarnings.id,
        pending.map((p) => p.id),
      ),
    );
  return to.length;
}

export type SignalPayload = { warningId: string; partnerId: string };

/** One job per prevention partner, under a stable id: releasing twice, or a retried request, sends once. */
export async function enqueuePreventionSignals(
  db: Pick<Db, 'insert'>,
  pack: CountryPack | undefined,
  warningId: string,
  now: Date,
): Promise<number> {
  let queued = 0;
  for (const partner of pack?.meta.statistics?.preventionPartners ?? []) {
    if (partner.connector.type === 'none') continue;
    const payload: SignalPayload = { warningId, partnerId: partner.id };
    await enqueueJob(db, PREVENTION_SIGNAL_QUEUE, payload, {
      id: `prevention-signal:${warningId}:${partner.id}`,
      runAt: now,
      maxAttempts: 8,
    });
    queued++;
  }
  return queued;
}

/** Sends a released rise to one partner: by e-mail (text and JSON) or as a signed webhook POST. */
export function preventionSignalHandler(
  db: Db,
  pack: CountryPack | undefined,
  k: number,
  helplineName: string,
  notify: RiseNotify,
): JobHandler {
  return async (job, now) => {
    const { warningId, partnerId } = job.payload as SignalPayload;
    const partner = pack?.meta.statistics?.preventionPartners?.find((p) => p.id === partnerId);
    const [rise] = await db.select().from(earlyWarnings).where(eq(earlyWarnings.id, warningId));
    // A partner removed from the pack, or a rise no longer released: nothing to send.
    if (!partner || !rise || rise.status !== 'released') return;
    const signal = { from: helplineName, ...preventionSignal(rise, k) };
    const deliveryId = `${warningId}:${partnerId}`;
    const connector = partner.connector;
    if (connector.type === 'email') {
      if (!notify.mail) throw new DeliveryError('no SMTP server set up (SMTP_URL)');
      const transport = createTransport(notify.mail.url);
      try {
        await transport.sendMail({
          from: notify.mail.from,
          to: connector.to,
          subject: `Prevention signal from ${helplineName}: reports of ${signal.category} ${signal.change === 'doubled' ? 'more than doubled' : 'rose'}`,
          text: [
            signal.summary,
            '',
            `Figures from fewer than ${k} reports are never shared. The signal in machine-readable form is attached.`,
          ].join('\n'),
          attachments: [
            {
              filename: 'prevention-signal.json',
              content: JSON.stringify(signal, null, 2),
              contentType: 'application/json',
            },
          ],
          headers: { 'X-Vangnet-Prevention-Signal': deliveryId },
        });
      } catch (e) {
        throw new DeliveryError(`e-mail not accepted (${(e as { code?: string }).code ?? 'error'})`);
      } finally {
        transport.close();
      }
    } else if (connector.type === 'webhook') {
      const secret = notify.secretOf?.(connector.secretEnv);
      if (!secret) throw new DeliveryError(`webhook secret ${connector.secretEnv} is not set`);
      const body = JSON.stringify(signal);
      let response: Response;
      try {
        response = await fetch(connector.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [SIGNATURE_HEADER]: signWebhook(secret, body, now),
            [DELIVERY_ID_HEADER]: deliveryId,
          },
          body,
          redirect: 'error',
          signal: AbortSignal.timeout(10_000),
        });
      } catch (e) {
        throw new DeliveryError(
          `webhook unreachable (${(e as { cause?: { code?: string } }).cause?.code ?? 'error'})`,
        );
      }
      await response.body?.cancel();
      if (!response.ok) throw new DeliveryError(`webhook answered ${response.status}`);
    }
  };
}
