import { can, type PermissionOverrides, type StaffRole } from '@vangnet/core/permissions/permissions';
import { LEGAL_HOLD_REASONS } from '@vangnet/core/retention/legal-hold-reasons';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, getJson, postJson, putJson } from '../lib/api.ts';
import { useInstance } from '../lib/instance.ts';
import { workerMay } from '../lib/may.ts';
import { errorText, text } from '../lib/text.ts';

type WorkerRow = { id: string; email: string; role: StaffRole; disabled: boolean };

/**
 * Who has the case, and (for supervisors) its legal hold. Both are audited by the server; the hold
 * takes a reason code, never free text, because the audit log is in the clear.
 */
export function CaseControls(props: {
  caseId: string;
  assignee: string | null;
  legalHold: boolean;
  onChanged: () => void;
}) {
  const { pack } = useInstance();
  const mayAssign = workerMay('case.assign', pack);
  const mayHold = workerMay('case.audit', pack);
  if (!mayAssign && !mayHold) return null;
  return (
    <section class="stack" aria-labelledby="controls-h">
      <h2 id="controls-h">{text.caseControls.title}</h2>
      {mayAssign && <AssignForm {...props} />}
      {mayHold && (
        <HoldForm
          caseId={props.caseId}
          legalHold={props.legalHold}
          allowed={pack.meta.retention?.legalHoldAllowed ?? true}
          onChanged={props.onChanged}
        />
      )}
    </section>
  );
}

function AssignForm(props: { caseId: string; assignee: string | null; onChanged: () => void }) {
  const { pack } = useInstance();
  const t = text.caseControls;
  const [workers, setWorkers] = useState<WorkerRow[] | null>(null);
  const [choice, setChoice] = useState(props.assignee ?? '');
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    const overrides = pack.meta.rolePermissions as PermissionOverrides | undefined;
    getJson<{ workers: WorkerRow[] }>('/staff/workers').then(
      // Only people who may open a case can hold one (the server checks the same).
      (r) => setWorkers(r.workers.filter((w) => !w.disabled && can(w.role, 'case.read', overrides))),
      () => setWorkers([]),
    );
  }, [pack]);
  useEffect(() => setChoice(props.assignee ?? ''), [props.assignee]);

  async function submit(event: Event) {
    event.preventDefault();
    setResult(null);
    try {
      const answer = await postJson<{ assignee: string | null }>(`/staff/cases/${props.caseId}/assign`, {
        assignee: choice === '' ? null : choice,
      });
      const who = workers?.find((w) => w.id === answer.assignee)?.email;
      setResult({ ok: true, text: who ? t.assigned(who) : t.unassigned });
      props.onChanged();
    } catch (e) {
      setResult({ ok: false, text: errorText(e instanceof ApiError ? e.code : 'general') });
    }
  }

  return (
    <form onSubmit={submit} class="stack" aria-label={t.assignment}>
      <label for="assign-to">{t.assignee}</label>
      <select id="assign-to" value={choice} onChange={(e) => setChoice(e.currentTarget.value)}>
        <option value="">{t.nobody}</option>
        {(workers ?? []).map((w) => (
          <option key={w.id} value={w.id}>
            {w.email}
          </option>
        ))}
      </select>
      <button type="submit" disabled={workers === null || choice === (props.assignee ?? '')}>
        {t.assign}
      </button>
      {result && (
        <p class={result.ok ? '' : 'notice notice-error'} role={result.ok ? 'status' : 'alert'}>
          {result.text}
        </p>
      )}
    </form>
  );
}

function HoldForm(props: { caseId: string; legalHold: boolean; allowed: boolean; onChanged: () => void }) {
  const t = text.caseControls;
  const [reason, setReason] = useState('');
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function change(hold: boolean) {
    setResult(null);
    setBusy(true);
    try {
      await putJson(`/staff/cases/${props.caseId}/legal-hold`, { hold, ...(reason ? { reason } : {}) });
      setResult({ ok: true, text: hold ? t.holdSet : t.holdLifted });
      setReason('');
      props.onChanged();
    } catch (e) {
      setResult({ ok: false, text: errorText(e instanceof ApiError ? e.code : 'general') });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      class="stack"
      aria-label={t.legalHold}
      onSubmit={(e) => {
        e.preventDefault();
        void change(!props.legalHold);
      }}
    >
      <h3>{t.legalHold}</h3>
      <p data-legal-hold={props.legalHold ? 'on' : 'off'}>{props.legalHold ? t.holdOn : t.holdOff}</p>
      {!props.legalHold && !props.allowed && <p class="muted">{t.holdNotAllowed}</p>}
      {!props.legalHold && props.allowed && (
        <>
          <label for="hold-reason">{t.reason}</label>
          <select id="hold-reason" required value={reason} onChange={(e) => setReason(e.currentTarget.value)}>
            <option value="">{t.chooseReason}</option>
            {LEGAL_HOLD_REASONS.map((r) => (
              <option key={r} value={r}>
                {t.reasons[r] ?? r}
              </option>
            ))}
          </select>
        </>
      )}
      {(props.legalHold || props.allowed) && (
        <button type="submit" disabled={busy}>
          {props.legalHold ? t.liftHold : t.setHold}
        </button>
      )}
      {result && (
        <p class={result.ok ? '' : 'notice notice-error'} role={result.ok ? 'status' : 'alert'}>
          {result.text}
        </p>
      )}
    </form>
  );
}
