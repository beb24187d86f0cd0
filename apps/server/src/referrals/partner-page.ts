import type { ReferralView } from './referrals.ts';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

export const OUTCOME_LABELS: Record<string, string> = {
  accepted: 'We are helping',
  declined: 'We cannot help with this',
  resolved: 'Resolved',
  'referred-on': 'Passed on to another organisation',
};

export function stateText(referral: Pick<ReferralView, 'outcome' | 'acknowledgedAt'>): string {
  return referral.outcome
    ? `Outcome reported: ${OUTCOME_LABELS[referral.outcome]}.`
    : referral.acknowledgedAt
      ? 'Receipt confirmed.'
      : 'Not confirmed yet.';
}

/**
 * The partner's page: what was handed over and two forms (confirm, outcome). No inline script or style,
 * so it passes the server's strict content security policy. The token arrives after `#` in the link
 * (never sent to the server, so never in a log); `PARTNER_SCRIPT` moves it into the forms' hidden fields
 * and out of the address bar. After a form is sent, the server renders the page with the token filled in.
 */
export function renderPartnerPage(
  input:
    | { known: false }
    | { known: true; token: string; serviceName: string; referral: ReferralView; saved?: boolean },
  referralId: string,
): string {
  const base = `/api/v1/partner/referrals/${encodeURIComponent(referralId)}`;
  const token = input.known ? input.token : '';
  const hidden = `<input type="hidden" name="token" value="${escapeHtml(token)}">`;
  const referral = input.known ? input.referral : undefined;
  const outcomes = Object.entries(OUTCOME_LABELS)
    .map(
      ([value, label]) =>
        `<label><input type="radio" name="outcome" value="${value}"${referral?.outcome === value ? ' checked' : ''} required> ${escapeHtml(label)}</label>`,
    )
    .join('\n');
  const title = input.known ? `Referral for ${escapeHtml(input.serviceName)}` : 'Referral';
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><meta name="robots" content="noindex">
<title>Vangnet referral</title>
<link rel="stylesheet" href="/api/v1/partner/partner.css">
<script src="/api/v1/partner/partner-link.js" defer></script></head>
<body>
<main data-referral="${escapeHtml(base)}">
<h1>${title}</h1>
${input.known && input.saved ? '<p role="status">Thank you. Your answer is saved.</p>' : ''}
<p>A helpline handed over a report to your organisation with the reporter’s consent. The report itself is in the sealed file you received; open it with your organisation’s key.</p>
<p id="state">${referral ? escapeHtml(stateText(referral)) : ''}</p>
<noscript><p>This page reads the code in its link with JavaScript. Without it, send the code as <code>token</code> in a POST to <code>${escapeHtml(base)}/ack</code>.</p></noscript>
<form id="ack" method="post" action="${base}/ack"${referral?.acknowledgedAt ? ' hidden' : ''}>${hidden}<button type="submit">Confirm receipt</button></form>
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

/**
 * Served as /api/v1/partner/partner-link.js. Reads `#token=…`, removes it from the address bar and
 * history, fills the forms and asks the server (POST, token in the body) what state the referral is in.
 */
export const PARTNER_SCRIPT = `(() => {
  const main = document.querySelector('main[data-referral]');
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (!main || !match) return;
  const token = match[1];
  history.replaceState(null, '', location.pathname);
  for (const input of document.querySelectorAll('input[name=token]')) input.value = token;
  fetch(main.dataset.referral + '/view', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ token }),
  })
    .then((r) => (r.ok ? r.json() : Promise.reject(r.status)))
    .then((view) => {
      document.querySelector('h1').textContent = 'Referral for ' + view.serviceName;
      document.getElementById('state').textContent = view.stateText;
      document.getElementById('ack').hidden = !!view.acknowledgedAt;
      for (const radio of document.querySelectorAll('input[name=outcome]')) radio.checked = radio.value === view.outcome;
    })
    .catch(() => {
      document.getElementById('state').textContent = 'This link is not valid. Ask the helpline for a new one.';
    });
})();
`;

/** Served as /api/v1/partner/partner.css: readable text and targets of at least 44 px (WCAG 2.2 target size). */
export const PARTNER_STYLE = `body { font: 1.125rem/1.5 system-ui, sans-serif; margin: 0; color: #1a1a1a; background: #fff; }
main { max-width: 36rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5rem; line-height: 1.25; }
[role=status] { padding: 0.75rem; border-left: 0.25rem solid #0b5394; background: #eef4fb; }
fieldset { border: 1px solid #6b7280; border-radius: 0.5rem; margin: 1rem 0; padding: 0.5rem 1rem; }
label { display: flex; align-items: center; gap: 0.75rem; min-height: 44px; }
input[type=radio] { flex: none; width: 1.5rem; height: 1.5rem; margin: 0; }
button { font: inherit; min-height: 44px; padding: 0.5rem 1.25rem; border: 0; border-radius: 0.5rem; color: #fff; background: #0b5394; cursor: pointer; }
button:focus-visible, input:focus-visible { outline: 3px solid #b45309; outline-offset: 2px; }
form { margin: 1rem 0; }
`;
