import { textDirection } from '@vangnet/core/icu/direction';
import { BrandMark } from '@vangnet/ui/brand';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useApp } from './app-context.ts';
import { useBrand } from './brand.ts';
import { isLang, languageName, useI18n } from './i18n/index.ts';
import { useNav } from './nav.ts';
import { quickExit } from './quick-exit.ts';
import { useUpdateRefused } from './update-refused-notice.ts';

/** The frame of every screen: back, "Help now" and "Leave fast" on top; the language switcher below. */
export function Shell({ children }: { children: ComponentChildren }) {
  const { t, lang, setLang, languages } = useI18n();
  const nav = useNav();
  const { online } = useApp();
  const updateRefused = useUpdateRefused();
  const onCrisis = nav.screen === 'crisis' || nav.screen === 'crisis-flow';
  const brand = useBrand();
  return (
    <>
      <header class="bar">
        {nav.depth > 1 && nav.screen !== 'start' ? (
          <button type="button" class="bar-back" onClick={nav.back}>
            {/* An arrow that fits beside the two safety buttons at 360 px; the name is still read out. */}
            <span aria-hidden="true" class="flip-rtl">
              ‹
            </span>
            <span class="visually-hidden">{t.back}</span>
          </button>
        ) : (
          <span class="bar-name">{brand ? <BrandMark brand={brand} /> : t.appName}</span>
        )}
        <div class="bar-actions">
          {!onCrisis && (
            <button type="button" class="bar-help" onClick={() => nav.go('crisis')}>
              {t.helpNow}
            </button>
          )}
          <button type="button" class="bar-exit" onClick={() => quickExit()} title={t.quickExitHint}>
            {t.quickExit}
          </button>
        </div>
      </header>
      {!online && (
        <p class="offline" role="status">
          {t.offlineNote}
        </p>
      )}
      {updateRefused && (
        <p class="offline" role="status">
          {t.updateRefusedNote}
        </p>
      )}
      <main id="main">{children}</main>
      <footer class="foot">
        <label for="lang">{t.language}</label>
        <select
          id="lang"
          value={lang}
          onChange={(e) => {
            const value = (e.currentTarget as HTMLSelectElement).value;
            if (isLang(value)) setLang(value);
          }}
        >
          {languages.map((code) => (
            <option key={code} value={code} lang={code} dir={textDirection(code)}>
              {languageName(code)}
            </option>
          ))}
        </select>
      </footer>
    </>
  );
}

/**
 * A screen's heading takes focus when the screen opens, so a screen reader announces the new question
 * and a keyboard user continues from the top of it.
 */
export function Title({ children }: { children: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: false });
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}
