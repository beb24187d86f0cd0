import { createTransport } from 'nodemailer';
import type { ReferralPackage } from './referral-package.ts';
import { DELIVERY_ID_HEADER, SIGNATURE_HEADER, signWebhook } from './signing.ts';

/** A failed hand-over; the message names the connector and status, never the package. */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
}

/** POSTs the package, signed; anything but a 2xx answer within the timeout is a failure to retry. */
export async function deliverWebhook(
  target: { url: string; secret: string },
  pkg: ReferralPackage,
  now: Date,
  timeoutMs = 10_000,
): Promise<void> {
  const body = JSON.stringify(pkg);
  let response: Response;
  try {
    response = await fetch(target.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: signWebhook(target.secret, body, now),
        [DELIVERY_ID_HEADER]: pkg.referralId,
      },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name;
    throw new DeliveryError(`webhook unreachable (${cause})`);
  }
  await response.body?.cancel();
  if (!response.ok) throw new DeliveryError(`webhook answered ${response.status}`);
}

/** The SMTP server from the environment (`SMTP_URL`, `MAIL_FROM`); none: nothing is mailed. */
export function mailSettingsFromEnv(env: Record<string, string | undefined>): MailSettings | undefined {
  return env.SMTP_URL ? { url: env.SMTP_URL, from: env.MAIL_FROM ?? 'vangnet@localhost' } : undefined;
}

export type MailSettings = {
  /** e.g. `smtp://127.0.0.1:2525` or `smtps://user:pass@mail.example:465`. */
  url: string;
  from: string;
};

/**
 * Sends the package by e-mail: the sealed part as an `.age` attachment (opens with the partner's age key),
 * the clear triage fields and the partner link in the text. No report content is in the mail.
 */
export async function deliverEmail(mail: MailSettings, to: string, pkg: ReferralPackage): Promise<void> {
  const transport = createTransport(mail.url);
  const { sealed, ...clear } = pkg;
  try {
    await transport.sendMail({
      from: mail.from,
      to,
      subject: `Vangnet referral ${pkg.referralId} from ${pkg.from.helplineName}`,
      text: [
        `${pkg.from.helplineName} hands over a report to ${pkg.service.name}, with the reporter's consent.`,
        '',
        `Category: ${pkg.metadata.category}; age: ${pkg.metadata.ageBand}; reported by: ${pkg.metadata.role}.`,
        'The report itself is in the attached referral.age file, sealed to your organisation’s age key.',
        '',
        `Confirm receipt and report the outcome: ${pkg.link}`,
      ].join('\n'),
      attachments: [
        { filename: `referral-${pkg.referralId}.age`, content: Buffer.from(sealed, 'base64') },
        {
          filename: `referral-${pkg.referralId}.json`,
          content: JSON.stringify(clear, null, 2),
          contentType: 'application/json',
        },
      ],
      headers: { 'X-Vangnet-Referral': pkg.referralId },
    });
  } catch (e) {
    throw new DeliveryError(`e-mail not accepted (${(e as { code?: string }).code ?? 'error'})`);
  } finally {
    transport.close();
  }
}
