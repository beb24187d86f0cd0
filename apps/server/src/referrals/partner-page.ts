import type { ReferralView } from './referrals.ts';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const OUTCOME_LABELS: Record<string, string> = {
  accepted: 'We are helping',
  declined: 'We cannot help with this',
  resolved: 'Resolved',
  'referred-on': 'Passed on to another organisation',
};

/**
 * The partner's page: what was handed over and two forms (confirm, outcome). Plain HTML with no script
 * and no inline style, so it passes the server's strict content security policy; the token travels in
 * hidden fields, never in a form's address.
 */
export function renderPartnerPage(input: {
  referralId: string;
  token: string;
  serviceName: string;
  referral: ReferralView;
  saved?: boolean;
}): string {
  const { referral, serviceName, token } = input;
  const base = `/api/v1/partner/referrals/${encodeURIComponent(input.referralId)}`;
  const hidden = `<input type="hidden" name="token" value="${escapeHtml(token)}">`;
  const status = referral.outcome
    ? `Outcome reported: ${OUTCOME_LABELS[referral.outcome]}.`
    : referral.acknowledgedAt
      ? 'Receipt confirmed.'
      : 'Not confirmed yet.';
  const outcomes = Object.entries(OUTCOME_LABELS)
    .map(
      ([value, label]) =>
        `<label><input type="radio" name="outcome" value="${value}"${referral.outcome === value ? ' checked' : ''} required> ${escapeHtml(label)}</label><br>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><meta name="robots" content="noindex">
<title>Vangnet referral</title></head>
<body>
<main>
<h1>Referral for ${escapeHtml(serviceName)}</h1>
${input.saved ? '<p role="status">Thank you. Your answer is saved.</p>' : ''}
<p>A helpline handed over a report to ${escapeHtml(serviceName)} with the reporter’s consent. The report itself is in the sealed file you received; open it with your organisation’s key.</p>
<p id="state">${escapeHtml(status)}</p>
${
  referral.acknowledgedAt
    ? ''
    : `<form method="post" action="${base}/ack">${hidden}<button type="submit">Confirm receipt</button></form>`
}
<form method="post" action="${base}/outcome">${hidden}
<fieldset><legend>What came of it?</legend>
${outcomes}
</fieldset>
<button type="submit">Report outcome</button>
</form>
<p>The reporter sees that you confirmed and the outcome you choose, and nothing else.</p>
</main>
</body>
</html>`;
}
