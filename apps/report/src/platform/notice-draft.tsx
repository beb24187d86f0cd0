import { draftNotice, isChildSexualAbuse } from '@vangnet/core/dsa/notice';
import type { LegalBasis } from '@vangnet/core/pack/schema';
import type { AgeBand, CategoryCode } from '@vangnet/core/taxonomy';
import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/index.ts';
import { addItem, vaultExists } from '../vault/vault-store.ts';

interface Props {
  platformName: string;
  category: CategoryCode;
  ageBand: AgeBand;
  links: string;
  explanation: string;
  contact?: { name: string; email: string } | undefined;
  legalBasis?: readonly LegalBasis[] | undefined;
}

/**
 * A DSA Article 16 notice composed here in the browser from the report's own answers (draftNotice in
 * core): nothing is fetched or sent while it is written. The child copies it into the platform's form.
 * Name and e-mail go in only when the child ticks the box, and are never asked for child sexual abuse.
 */
export function NoticeDraft(props: Props) {
  const { t } = useI18n();
  const [links, setLinks] = useState(props.links);
  const [explanation, setExplanation] = useState(props.explanation);
  const [withName, setWithName] = useState(false);
  const [name, setName] = useState(props.contact?.name ?? '');
  const [email, setEmail] = useState(props.contact?.email ?? '');
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  // The notice last kept in the vault: copying the same text twice keeps one copy.
  const [kept, setKept] = useState<string | null>(null);
  const exempt = isChildSexualAbuse(props.category, props.ageBand);
  const notice = draftNotice(
    {
      category: props.category,
      ageBand: props.ageBand,
      platformName: props.platformName,
      links,
      explanation,
      notifier: withName && !exempt ? { name, email } : undefined,
      legalBasis: props.legalBasis,
    },
    {
      ...t.notice,
      categorySentence: (c, minor) => t.noticeCategory(t.categories[c]?.[0] ?? c, minor),
      tdbLine: (label) => t.notice.tdbLine(label.category, label.keyword),
    },
  );
  const full = `${notice.subject}\n\n${notice.text}`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(full);
      setCopied('yes');
    } catch {
      setCopied('failed');
      return;
    }
    // A child with a PIN vault keeps a copy, sealed like evidence, dated by the vault (the day it was copied
    // for the platform). Without a vault nothing is stored: the notice is theirs to paste.
    if (kept !== full && (await vaultExists())) {
      await addItem('notice', new TextEncoder().encode(full), 'text/plain;charset=utf-8', 'notice.txt');
      setKept(full);
    }
  };
  return (
    <div class="notice-draft">
      <h2>{t.noticeTitle}</h2>
      <p>{t.noticeAbout}</p>
      <div class="field">
        <label for="notice-links">{t.noticeLinks}</label>
        <textarea
          id="notice-links"
          dir="ltr"
          rows={3}
          value={links}
          onInput={(e) => {
            setLinks((e.currentTarget as HTMLTextAreaElement).value);
            setCopied(null);
          }}
        />
      </div>
      {notice.urls.length === 0 && <p class="field-hint">{t.noticeNoLinks}</p>}
      <div class="field">
        <label for="notice-explain">{t.noticeExplain}</label>
        <textarea
          id="notice-explain"
          rows={4}
          value={explanation}
          onInput={(e) => {
            setExplanation((e.currentTarget as HTMLTextAreaElement).value);
            setCopied(null);
          }}
        />
      </div>
      {exempt ? (
        <p>{t.noticeNoName}</p>
      ) : (
        <>
          <label class="check">
            <input
              type="checkbox"
              checked={withName}
              onChange={(e) => setWithName((e.currentTarget as HTMLInputElement).checked)}
            />
            <span>{t.noticeAddName}</span>
          </label>
          {withName && (
            <>
              <div class="field">
                <label for="notice-name">{t.noticeName}</label>
                <input
                  id="notice-name"
                  autocomplete="name"
                  value={name}
                  onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)}
                />
              </div>
              <div class="field">
                <label for="notice-email">{t.noticeEmail}</label>
                <input
                  id="notice-email"
                  type="email"
                  autocomplete="email"
                  value={email}
                  onInput={(e) => setEmail((e.currentTarget as HTMLInputElement).value)}
                />
              </div>
            </>
          )}
        </>
      )}
      <div class="field">
        <label for="notice-text">{t.noticeResult}</label>
        <textarea id="notice-text" rows={14} readOnly value={full} data-testid="notice-text" />
      </div>
      <button type="button" class="primary-btn" onClick={copy}>
        {t.noticeCopy}
      </button>
      <p role="status">
        {copied === 'yes'
          ? kept === full
            ? `${t.noticeCopied} ${t.noticeKept}`
            : t.noticeCopied
          : copied === 'failed'
            ? t.noticeCopyFailed
            : ''}
      </p>
    </div>
  );
}
