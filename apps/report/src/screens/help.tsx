import { useApp } from '../app-context.ts';
import { ContactList } from '../contact-list.tsx';
import { useI18n } from '../i18n/index.ts';
import { KnowledgeCentre } from '../knowledge/centre.tsx';
import { useNav } from '../nav.ts';
import { packTextIn } from '../pack.ts';
import { useAnchorFingerprints } from '../send/anchor-fingerprint.ts';
import { Title } from '../shell.tsx';
import { SpokenIn } from '../spoken-in.tsx';

/**
 * "What can I do?": tips for right now, the knowledge centre (the pack's pages), who can help, and the
 * discreet-mode switch.
 */
export function Help() {
  const { t, lang } = useI18n();
  const { pack, discreet, setDiscreet } = useApp();
  const nav = useNav();
  const prints = useAnchorFingerprints(pack);
  // Where the helpline publishes the same code (pack text), so anyone can compare.
  const where = packTextIn(pack, lang, 'checkCode.where');
  const services = (pack?.services ?? []).filter(
    (s) => s.audience.includes('young') && s.kind !== 'platform',
  );
  return (
    <section class="screen help">
      <Title>{t.helpTitle}</Title>
      <ul class="tips">
        {t.helpTips.map((tip) => (
          <li key={tip}>{tip}</li>
        ))}
      </ul>
      <KnowledgeCentre />
      {services.length > 0 && (
        <>
          <h2>{t.helpWho}</h2>
          <ul class="services">
            {services.map((s) => {
              const about = packTextIn(pack, lang, `services.${s.id}.description`);
              return (
                <li key={s.id}>
                  <h3>
                    <bdi>{s.name}</bdi>
                    <SpokenIn languages={s.languages} />
                  </h3>
                  {about && <p lang={about.lang}>{about.text}</p>}
                  <ContactList service={s} name={s.name} />
                </li>
              );
            })}
          </ul>
          <button type="button" class="secondary-btn" onClick={() => nav.go('routes')}>
            {t.helpRouteMap}
          </button>
        </>
      )}
      {(pack?.platforms ?? []).some((p) => p.id !== 'other') && (
        <button type="button" class="secondary-btn" onClick={() => nav.go('platform-guide')}>
          {t.helpPlatforms}
        </button>
      )}
      {(pack?.agreements?.length ?? 0) > 0 && (
        <button type="button" class="secondary-btn" onClick={() => nav.go('agreements')}>
          {t.helpAgreements}
        </button>
      )}
      <h2>{t.discreetTitle}</h2>
      <p>{t.discreetText}</p>
      <label class="check">
        <input
          type="checkbox"
          checked={discreet}
          onChange={(e) => setDiscreet((e.currentTarget as HTMLInputElement).checked)}
        />
        <span>{t.discreetOn}</span>
      </label>
      <h2>{t.helpFiguresTitle}</h2>
      <p>
        {/* The public figures (server-rendered, no script, no third party); the browser's back button returns here. */}
        <a href={`/statistics?lang=${lang}`}>{t.helpFiguresLink}</a>
      </p>
      {prints.length > 0 && (
        <>
          <h2>{t.helpAboutTitle}</h2>
          <p>{t.helpCheckCode(pack?.meta.helpline.name ?? '')}</p>
          <ul class="check-codes" data-testid="anchor-fingerprint">
            {prints.map((print) => (
              <li key={print}>
                <code>{print}</code>
              </li>
            ))}
          </ul>
          {where && <p lang={where.lang}>{where.text}</p>}
        </>
      )}
    </section>
  );
}
