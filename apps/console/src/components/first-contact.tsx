import { useState } from 'preact/hooks';
import { ApiError, postJson } from '../lib/api.ts';
import { formatDateTime } from '../lib/format.ts';
import { useInstance } from '../lib/instance.ts';
import { errorText, text } from '../lib/text.ts';

/**
 * First contact on the case: when and how it was made, or a way to record a phone call or chat held
 * outside the app (the first message in the app counts by itself). Recording it stops the countdown.
 */
export function FirstContact(props: {
  caseId: string;
  firstContactAt: string | null | undefined;
  via: string | null | undefined;
  onChanged: () => void;
}) {
  const { pack } = useInstance();
  const [via, setVia] = useState<'phone' | 'chat'>('phone');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await postJson(`/staff/cases/${props.caseId}/contact`, { via });
      setDone(true);
      props.onChanged();
    } catch (e) {
      setError(errorText(e instanceof ApiError ? e.code : 'general'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} class="stack" aria-labelledby="contact-h">
      <h2 id="contact-h">{text.contact.recordTitle}</h2>
      {props.firstContactAt ? (
        <p>
          <span class="badge badge-ok">{text.contact.met}</span>{' '}
          <span data-testid="first-contact">
            {text.contact.metAt(
              formatDateTime(props.firstContactAt, pack.meta.timeZone),
              text.contact.via[props.via ?? ''] ?? '',
            )}
          </span>
        </p>
      ) : (
        <p class="muted">{text.contact.recordHelp}</p>
      )}
      <label for="contact-via">{text.contact.recordVia}</label>
      <select
        id="contact-via"
        value={via}
        onChange={(e) => setVia(e.currentTarget.value as 'phone' | 'chat')}
      >
        <option value="phone">{text.contact.via.phone}</option>
        <option value="chat">{text.contact.via.chat}</option>
      </select>
      <button type="submit" disabled={busy}>
        {text.contact.record}
      </button>
      {/* A polite live region without the status role: the case view keeps one `status` (the Refer panel's). */}
      <p aria-live="polite">{done ? text.contact.recorded : ''}</p>
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
