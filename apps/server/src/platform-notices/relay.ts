import { createTransport } from 'nodemailer';
import { DeliveryError, type MailSettings } from '../referrals/connectors.ts';

/** What the worker's browser composed: handed on once, never stored or logged. */
export type ComposedNotice = { noticeId: string; subject: string; text: string };

/** Where a platform takes notices, from the pack's `dsaContact`. */
export type NoticeContact = { channel: 'email'; to: string } | { channel: 'endpoint'; url: string };

/**
 * Relays a trusted-flagger notice to the platform. Its text passes through this process for the length
 * of the call, as the worker's deliberate disclosure to the platform (like a referral); an error message
 * names the channel and a status, never the notice.
 */
export async function relayNotice(
  contact: NoticeContact,
  notice: ComposedNotice,
  clear: { helplineName: string; tdb: { category: string; keyword: string } },
  mail: MailSettings | undefined,
  timeoutMs = 10_000,
): Promise<void> {
  if (contact.channel === 'email') {
    if (!mail) throw new DeliveryError('no mail server configured');
    const transport = createTransport(mail.url);
    try {
      await transport.sendMail({
        from: mail.from,
        to: contact.to,
        subject: notice.subject,
        text: notice.text,
        headers: { 'X-Vangnet-Notice': notice.noticeId },
      });
    } catch (e) {
      throw new DeliveryError(`e-mail not accepted (${(e as { code?: string }).code ?? 'error'})`);
    } finally {
      transport.close();
    }
    return;
  }
  let response: Response;
  try {
    response = await fetch(contact.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        noticeId: notice.noticeId,
        trustedFlagger: clear.helplineName,
        subject: notice.subject,
        text: notice.text,
        transparencyDatabase: clear.tdb,
      }),
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name;
    throw new DeliveryError(`endpoint unreachable (${cause})`);
  }
  await response.body?.cancel();
  if (!response.ok) throw new DeliveryError(`endpoint answered ${response.status}`);
}
