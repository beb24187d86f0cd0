import type { AuditRecord } from '@vangnet/core/audit/audit-chain';
import type { SignedAuditCheckpoint } from '@vangnet/core/audit/checkpoint';
import type { BundleSignature } from '@vangnet/core/bundle/format';
import { verifyBundle } from '@vangnet/core/bundle/verify';
import { useEffect, useRef, useState } from 'preact/hooks';
import { lastOpened, loadCase } from '../case/load-case.ts';
import { ApiError, postJson } from '../lib/api.ts';
import { loadCrypto } from '../lib/crypto.ts';
import { useInstance } from '../lib/instance.ts';
import { hrefOf, onLinkClick } from '../lib/router.ts';
import { currentSession } from '../lib/session.ts';
import { errorText, text } from '../lib/text.ts';

type Ready = { url: string; pdfUrl: string; fileName: string; size: number; checked: string };

/**
 * Builds the evidence bundle in this browser. The server records the export in the audit log and
 * hands back this case's audit extract; the bundle is then checked with the same code as
 * `vangnet verify` before it is offered, so a worker never passes on a bundle that does not verify.
 */
export function ExportScreen({ id }: { id: string }) {
  const { config, pack } = useInstance();
  const [state, setState] = useState<'idle' | 'building' | 'error'>('idle');
  const [ready, setReady] = useState<Ready | null>(null);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
  }, []);
  useEffect(
    () => () => {
      if (ready) {
        URL.revokeObjectURL(ready.url);
        URL.revokeObjectURL(ready.pdfUrl);
      }
    },
    [ready],
  );

  async function build() {
    setState('building');
    setError(null);
    try {
      const opened = lastOpened(id) ?? (await loadCase(id, config.serverPublicKey));
      const recorded = await postJson<ExportRecorded>(`/staff/cases/${id}/export`, {});
      const [{ buildExport }, { loadSummaryFonts }, crypto] = await Promise.all([
        import('../export/build-export.ts'),
        import('../export/fonts.ts'),
        loadCrypto(),
      ]);
      const session = currentSession()!;
      const result = await buildExport(
        opened,
        {
          serverPublicKey: config.serverPublicKey,
          helplineName: pack.meta.helpline.name,
          ...(pack.meta.timeZone ? { timeZone: pack.meta.timeZone } : {}),
          exportedBy: `worker:${session.worker.id}`,
          audit: recorded.records,
          auditCheckpoint: recorded.checkpoint,
          sign: (bundleSha256) =>
            postJson<BundleSignature>(`/staff/cases/${id}/export/signature`, {
              bundleSha256,
              exportSeq: recorded.exportSeq,
            }),
          now: new Date(),
        },
        await loadSummaryFonts(),
      );
      // Pinned to the key this console was served with, like `vangnet verify --server-key`.
      const check = verifyBundle(
        result.bundle,
        { verifySignature: (r, s, k) => crypto.verifyCountersignature(r as never, s, k) },
        { trustedServerKey: config.serverPublicKey },
      );
      if (!check.ok) throw new Error(check.problems.map((p) => p.message).join('; '));
      setReady({
        url: URL.createObjectURL(new Blob([result.bundle as BlobPart], { type: 'application/x-tar' })),
        pdfUrl: URL.createObjectURL(new Blob([result.pdf as BlobPart], { type: 'application/pdf' })),
        fileName: result.fileName,
        size: result.bundle.length,
        checked: text.exportScreen.checked(check.checked.items, check.checked.auditRecords),
      });
      setState('idle');
    } catch (e) {
      setError(
        e instanceof ApiError ? errorText(e.code) : e instanceof Error ? e.message : errorText('general'),
      );
      setState('error');
    }
  }

  return (
    <main id="main" class="export">
      <p>
        <a href={hrefOf({ name: 'case', id })} onClick={onLinkClick({ name: 'case', id })}>
          <span class="flip-rtl">←</span> {text.case.backToCase}
        </a>
      </p>
      <h1 tabIndex={-1} ref={heading}>
        {text.exportScreen.title}
      </h1>
      <p>{text.exportScreen.intro}</p>
      <p>{text.exportScreen.includeContact}</p>
      <button type="button" class="primary" onClick={build} disabled={state === 'building'}>
        {state === 'building' ? text.exportScreen.building : text.exportScreen.build}
      </button>
      <div aria-live="polite">
        {error && (
          <p class="notice notice-error" role="alert">
            {error}
          </p>
        )}
        {ready && (
          <div class="panel export-ready">
            <p class="integrity-ok" data-export="ready">
              <span aria-hidden="true">✓ </span>
              {text.exportScreen.ready(ready.fileName)} ({Math.ceil(ready.size / 1024).toLocaleString()} KB).{' '}
              {ready.checked}
            </p>
            <p class="row">
              <a class="button primary" href={ready.url} download={ready.fileName}>
                {text.exportScreen.download}
              </a>
              <a
                class="button"
                href={ready.pdfUrl}
                download={ready.fileName.replace(/\.tar$/, '-summary.pdf')}
              >
                {text.exportScreen.summary}
              </a>
            </p>
          </div>
        )}
      </div>
    </main>
  );
}

/** What POST …/export answers: the case's audit extract, the export's own record and the signed head. */
type ExportRecorded = { records: AuditRecord[]; exportSeq: number; checkpoint: SignedAuditCheckpoint };
