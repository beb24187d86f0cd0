import { type AuditRecord, verifyAuditChain } from '@vangnet/core/audit/audit-chain';
import { useState } from 'preact/hooks';
import { ApiError, getJson } from '../lib/api.ts';
import { formatDateTime } from '../lib/format.ts';
import { errorText, text } from '../lib/text.ts';

/**
 * A supervisor's look at the case's audit trail. Loaded on request, since reading it is itself
 * audited; the links between consecutive records are checked here as well.
 */
export function AuditTrail({ caseId }: { caseId: string }) {
  const [records, setRecords] = useState<AuditRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function load() {
    setError(null);
    try {
      setRecords((await getJson<{ records: AuditRecord[] }>(`/staff/cases/${caseId}/audit`)).records);
    } catch (e) {
      setError(errorText(e instanceof ApiError ? e.code : 'general'));
    }
  }

  const chain = records ? verifyAuditChain(records, { partial: true }) : null;
  return (
    <section aria-labelledby="audit-h" class="panel">
      <h2 id="audit-h">{text.audit.title}</h2>
      {records === null ? (
        <button type="button" onClick={load}>
          {text.audit.show}
        </button>
      ) : (
        <>
          <p class={chain?.ok ? 'integrity-summary integrity-ok' : 'integrity-summary integrity-bad'}>
            <span aria-hidden="true">{chain?.ok ? '✓ ' : '✗ '}</span>
            {chain?.ok
              ? text.audit.chainOk(records.length)
              : text.audit.chainBroken(String(chain && !chain.ok ? chain.brokenAt : '?'))}
          </p>
          <div class="table-wrap">
            <table class="cases">
              <caption class="visually-hidden">{text.audit.caption}</caption>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{text.audit.time}</th>
                  <th scope="col">{text.audit.who}</th>
                  <th scope="col">{text.audit.what}</th>
                  <th scope="col">{text.audit.details}</th>
                </tr>
              </thead>
              <tbody>
                {records.map((r) => (
                  <tr key={r.seq}>
                    <td>{r.seq}</td>
                    <td>
                      <time dateTime={r.at}>{formatDateTime(r.at)}</time>
                    </td>
                    <td>{r.actor}</td>
                    <td>{r.action}</td>
                    <td>
                      <code>{Object.keys(r.detail ?? {}).length ? JSON.stringify(r.detail) : ''}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
