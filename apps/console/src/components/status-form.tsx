import type { ReportState } from '@vangnet/core';
import { DEFAULT_STATUS_TRANSITIONS, type StatusTransition } from '@vangnet/core/permissions/status-change';
import { useState } from 'preact/hooks';
import { ApiError, postJson } from '../lib/api.ts';
import { serviceName, useInstance } from '../lib/instance.ts';
import { errorText, text } from '../lib/text.ts';

/**
 * The status workflow. The pack's own transitions are checked on the server; the form offers the
 * steps allowed from the current status and asks for each step's required fields before it sends.
 */
export function StatusForm(props: {
  caseId: string;
  status: ReportState;
  language: string;
  onChanged: () => void;
  /** When set, "Referred" leads to the Refer panel (which records consent and sends) instead of a bare status. */
  onRefer?: () => void;
}) {
  const { pack } = useInstance();
  const workflow = (pack.meta as { statusWorkflow?: { transitions: StatusTransition[] } }).statusWorkflow;
  const transitions = (workflow?.transitions ?? DEFAULT_STATUS_TRANSITIONS).filter((t) =>
    t.from.includes(props.status),
  );
  const [to, setTo] = useState<string>('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The pack's workflow is not public; when the server names fields this step needs, ask for them too.
  const [askedFor, setAskedFor] = useState<string[]>([]);
  const chosen = transitions.find((t) => t.to === to);
  const viaPanel = chosen?.to === 'referred' && props.onRefer !== undefined;
  const requires = [...new Set([...(chosen?.requires ?? []), ...askedFor])];

  async function submit(event: Event) {
    event.preventDefault();
    if (!chosen || viaPanel) return;
    const form = event.currentTarget as HTMLFormElement;
    const fields: Record<string, string | boolean> = {};
    for (const f of requires) {
      const el = form.elements.namedItem(f) as HTMLInputElement | HTMLSelectElement | null;
      if (!el) continue;
      fields[f] = el instanceof HTMLInputElement && el.type === 'checkbox' ? el.checked : el.value;
    }
    setBusy(true);
    setError(null);
    try {
      await postJson(`/staff/cases/${props.caseId}/status`, { status: chosen.to, ...fields });
      setTo('');
      setAskedFor([]);
      props.onChanged();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'case.status-fields-missing') setAskedFor(e.fields);
      setError(errorText(e instanceof ApiError ? e.code : 'general'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} class="stack" aria-labelledby="status-h">
      <h2 id="status-h">{text.case.status}</h2>
      <p>
        {text.case.statusNow}: <strong data-status={props.status}>{text.statuses[props.status]}</strong>
      </p>
      {transitions.length > 0 && (
        <>
          <label for="status-to">{text.case.changeStatus}</label>
          <select
            id="status-to"
            value={to}
            onChange={(e) => {
              setTo(e.currentTarget.value);
              setAskedFor([]);
            }}
            required
          >
            <option value="">—</option>
            {transitions.map((t) => (
              <option key={t.to} value={t.to}>
                {text.statuses[t.to]}
              </option>
            ))}
          </select>
          {viaPanel ? (
            <>
              <p id="status-refer-hint">{text.refer.statusHint}</p>
              <button
                type="button"
                class="primary"
                aria-describedby="status-refer-hint"
                onClick={() => props.onRefer?.()}
              >
                {text.refer.openPanel}
              </button>
            </>
          ) : (
            <>
              {requires.map((f) => (
                <RequiredField key={f} field={f} language={props.language} services={pack.services ?? []} />
              ))}
              {error && (
                <p class="notice notice-error" role="alert">
                  {error}
                </p>
              )}
              <button type="submit" class="primary" disabled={busy || !chosen}>
                {text.case.changeStatus}
              </button>
            </>
          )}
        </>
      )}
    </form>
  );
}

function RequiredField(props: {
  field: string;
  language: string;
  services: { id: string; name?: string | Record<string, string> }[];
}) {
  const id = `status-${props.field}`;
  const label = text.fields[props.field] ?? props.field;
  if (props.field === 'serviceId') {
    return (
      <>
        <label for={id}>{label}</label>
        <select id={id} name="serviceId" required>
          <option value="">—</option>
          {props.services.map((s) => (
            <option key={s.id} value={s.id}>
              {serviceName(s, props.language)}
            </option>
          ))}
        </select>
      </>
    );
  }
  if (props.field === 'consent') {
    return (
      <label class="check">
        <input type="checkbox" name="consent" required /> {label}
      </label>
    );
  }
  // Reasons and outcomes go into the audit log in the clear, so they are short codes, never free text.
  return (
    <>
      <label for={id}>{label}</label>
      <input
        id={id}
        name={props.field}
        required
        maxLength={40}
        pattern="[a-z0-9][a-z0-9\-]{0,39}"
        aria-describedby={`${id}-hint`}
      />
      <p id={`${id}-hint`} class="muted">
        A short code such as resolved or no-contact (lower-case letters, digits and dashes).
      </p>
    </>
  );
}
