import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { lastOpened, loadCase } from '../case/load-case.ts';
import type { OpenedCase } from '../case/open-case.ts';
import { formatTimeLeft, toRow } from '../case/queue-model.ts';
import { AuditTrail } from '../components/audit-trail.tsx';
import { CaseControls } from '../components/case-controls.tsx';
import { Chat } from '../components/chat.tsx';
import { EvidenceItem } from '../components/evidence-item.tsx';
import { FirstContact } from '../components/first-contact.tsx';
import { HashSubmissionPanel } from '../components/hash-submission.tsx';
import { MetadataForm } from '../components/metadata-form.tsx';
import { PlatformNoticePanel } from '../components/platform-notice-panel.tsx';
import { ReferralPanel } from '../components/referral-panel.tsx';
import { ReporterPanel } from '../components/reporter-panel.tsx';
import { StatusForm } from '../components/status-form.tsx';
import { ApiError } from '../lib/api.ts';
import { formatDateTime } from '../lib/format.ts';
import { useInstance } from '../lib/instance.ts';
import { subscribeLive } from '../lib/live-updates.ts';
import { hrefOf, onLinkClick } from '../lib/router.ts';
import { currentSession } from '../lib/session.ts';
import { errorText, text } from '../lib/text.ts';
import { assigneeId } from '../lib/types.ts';

export function CaseView({ id }: { id: string }) {
  const { config, pack } = useInstance();
  const [opened, setOpened] = useState<OpenedCase | null>(() => lastOpened(id));
  const [error, setError] = useState<string | null>(null);
  /** The reporter wrote since this case was read: offered, not fetched (every read is an audited view). */
  const [news, setNews] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const referHeading = useRef<HTMLHeadingElement>(null);
  // "Referred" in the status form leads here: the panel records consent, sends, and sets the status.
  const goToReferral = () => {
    referHeading.current?.scrollIntoView({ block: 'start' });
    referHeading.current?.focus();
  };

  const reload = useCallback(
    async (previous: OpenedCase | null) => {
      try {
        setOpened(await loadCase(id, config.serverPublicKey, previous));
        setError(null);
        setNews(false);
      } catch (e) {
        setError(e instanceof ApiError ? errorText(e.code) : text.case.cannotOpen);
      }
    },
    [id, config.serverPublicKey],
  );

  useEffect(() => {
    void reload(null);
  }, [reload]);
  useEffect(() => {
    if (opened) heading.current?.focus();
  }, [opened !== null]);
  // No timed refresh: every case read is an audited `case.view`, so the worker refreshes on purpose. A
  // live update only says that the reporter wrote.
  useEffect(
    () =>
      subscribeLive({
        onChange: (change) => {
          if (change.kind === 'message' && change.id === id) setNews(true);
        },
      }),
    [id],
  );
  const back = (
    <p>
      <a href={hrefOf({ name: 'queue' })} onClick={onLinkClick({ name: 'queue' })}>
        <span class="flip-rtl">←</span> {text.case.back}
      </a>
    </p>
  );
  if (error) {
    return (
      <main id="main" class="case">
        {back}
        <h1>{text.case.title}</h1>
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      </main>
    );
  }
  if (!opened) {
    return (
      <main id="main" class="case">
        {back}
        <h1>{text.case.title}</h1>
        <p aria-live="polite">{text.case.opening}</p>
      </main>
    );
  }

  const { detail, body, items } = opened;
  const mayReadAudit = ['supervisor', 'admin'].includes(currentSession()?.worker.role ?? '');
  const row = toRow(pack, { ...detail, assignee: detail.assignee ?? null });
  const left = row.deadline === null ? null : formatTimeLeft(row.deadline - Date.now());
  const allOk = items.every((i) => i.ok) && opened.signatureValid && opened.bodyMatchesReceipt;
  return (
    <main id="main" class="case">
      {back}
      <div class="case-head">
        <h1 tabIndex={-1} ref={heading}>
          {text.categories[detail.metadata.category]} · {detail.metadata.platform}
        </h1>
        <p class="case-status">
          <span class="status-chip" data-status={detail.status}>
            {text.statuses[detail.status]}
          </span>{' '}
          {row.urgent && <span class="badge badge-urgent">{text.queue.urgent}</span>}{' '}
          {left && (
            <span class={left.breached ? 'badge badge-bad' : 'countdown status-chip'}>{left.text}</span>
          )}{' '}
          <span class="muted">
            {text.case.receivedAt(formatDateTime(detail.visibleAt ?? detail.createdAt, pack.meta.timeZone))}
          </span>
        </p>
        {detail.federatedFrom && (
          <p class="notice" data-federated-from={detail.federatedFrom.country}>
            {text.case.federatedFrom(detail.federatedFrom.helplineName, detail.federatedFrom.country)}
          </p>
        )}
        <p
          class={`integrity-summary ${allOk ? 'integrity-ok' : 'integrity-bad'}`}
          data-integrity={allOk ? 'ok' : 'bad'}
        >
          <span aria-hidden="true">{allOk ? '✓ ' : '✗ '}</span>
          {allOk ? text.case.allIntact(items.length) : text.case.notIntact}
        </p>
        {news && (
          <p class="notice" role="status" data-news="message">
            {text.case.newMessage}
          </p>
        )}
        <p class="row">
          <button type="button" onClick={() => void reload(opened)}>
            {text.case.refresh}
          </button>
          <a
            class="button"
            href={hrefOf({ name: 'export', id })}
            onClick={onLinkClick({ name: 'export', id })}
          >
            {text.case.export}
          </a>
        </p>
      </div>
      <div class="case-grid">
        <div class="case-main">
          <section aria-labelledby="report-h" class="panel">
            <h2 id="report-h">{text.case.report}</h2>
            <p class="report-text" lang={body.language} dir="auto">
              {body.description}
            </p>
            {body.links.length > 0 && (
              <>
                <h3>{text.case.links}</h3>
                {/* Shown as text, not links: opening a reported URL is a deliberate step, never a stray click. */}
                <ul class="links">
                  {body.links.map((l) => (
                    <li key={l}>
                      <code>{l}</code>
                    </li>
                  ))}
                </ul>
              </>
            )}
            {body.contact && (
              <>
                <h3>{text.case.contact}</h3>
                <dl class="contact">
                  {Object.entries(body.contact).map(([k, v]) => (
                    <div key={k}>
                      <dt>{k}</dt>
                      <dd>{String(v)}</dd>
                    </div>
                  ))}
                </dl>
              </>
            )}
          </section>
          <section aria-labelledby="evidence-h" class="panel">
            <h2 id="evidence-h">{text.case.evidence}</h2>
            {items.length === 0 ? (
              <p>{text.case.noEvidence}</p>
            ) : (
              <ul class="evidence-list">
                {items.map((item, i) => (
                  <EvidenceItem key={item.manifest.id} item={item} index={i} />
                ))}
              </ul>
            )}
          </section>
          <ReferralPanel
            caseId={id}
            opened={opened}
            headingRef={referHeading}
            onReferred={() => void reload(opened)}
          />
          <PlatformNoticePanel caseId={id} opened={opened} />
          <HashSubmissionPanel opened={opened} />
          <Chat opened={opened} onSent={() => void reload(opened)} />
          {mayReadAudit && <AuditTrail caseId={id} />}
        </div>
        <aside class="case-side" aria-label={text.case.actions}>
          <ReporterPanel language={body.language} role={detail.metadata.role} />
          <div class="panel">
            <StatusForm
              caseId={id}
              status={detail.status}
              language={body.language}
              onChanged={() => void reload(opened)}
              onRefer={goToReferral}
            />
          </div>
          <div class="panel">
            <CaseControls
              caseId={id}
              assignee={assigneeId(detail.assignee)}
              legalHold={detail.legalHold ?? false}
              onChanged={() => void reload(opened)}
            />
          </div>
          <div class="panel">
            <FirstContact
              caseId={id}
              firstContactAt={detail.firstContactAt}
              via={detail.firstContactVia}
              onChanged={() => void reload(opened)}
            />
          </div>
          <div class="panel">
            <MetadataForm
              key={JSON.stringify(detail.metadata)}
              caseId={id}
              metadata={detail.metadata}
              onChanged={() => void reload(opened)}
            />
          </div>
        </aside>
      </div>
    </main>
  );
}
