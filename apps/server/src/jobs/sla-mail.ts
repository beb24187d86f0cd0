import { createTransport } from 'nodemailer';
import type { MailSettings } from '../referrals/connectors.ts';

export type ReminderMail = {
  caseId: string;
  kind: 'first-contact' | 'partner-confirmation';
  step: 'reminder' | 'escalation';
  deadline: string;
  /** The case in the console, e.g. `https://vangnet.example/console/cases/<id>`. */
  link: string;
};

/** The mail says what is due and where to look; never case content, metadata or anything about the reporter. */
export function reminderMailText(m: ReminderMail): { subject: string; text: string } {
  const what =
    m.kind === 'first-contact'
      ? 'A case is still waiting for its first contact.'
      : 'A partner has not confirmed a referral of a case.';
  const when = m.step === 'reminder' ? `The target is ${m.deadline}.` : `The target passed at ${m.deadline}.`;
  const subject =
    m.step === 'reminder'
      ? `Vangnet reminder: case ${m.caseId}`
      : `Vangnet escalation: case ${m.caseId} is overdue`;
  return {
    subject,
    text: [what, when, '', `Open the case in the console (sign-in required): ${m.link}`].join('\n'),
  };
}

/** One mail per person, so no one sees who else was told. A failure throws: the job retries. */
export async function sendReminderMails(mail: MailSettings, to: readonly string[], m: ReminderMail) {
  if (to.length === 0) return;
  const transport = createTransport(mail.url);
  const { subject, text } = reminderMailText(m);
  try {
    for (const address of to) {
      await transport.sendMail({
        from: mail.from,
        to: address,
        subject,
        text,
        headers: { 'X-Vangnet-Reminder': `${m.kind}/${m.step}` },
      });
    }
  } catch (e) {
    throw new Error(`reminder e-mail not accepted (${(e as { code?: string }).code ?? 'error'})`);
  } finally {
    transport.close();
  }
}
