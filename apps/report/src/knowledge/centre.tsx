import { PAGE_AUDIENCES, type PageAudience, searchPages } from '@vangnet/core/pack/pages';
import { useMemo, useState } from 'preact/hooks';
import { useApp } from '../app-context.ts';
import { useI18n } from '../i18n/index.ts';
import { useNav } from '../nav.ts';
import { PageList } from './page-list.tsx';
import { packPages } from './pages.ts';

// Kept while the app is open, so back from a page returns to the same section and search.
let remembered: { audience: PageAudience; query: string } = { audience: 'young', query: '' };

/**
 * The knowledge centre: the pack's pages by audience, and a search over every page's title, summary and
 * text (on this device, accents ignored). The count is announced as the list changes.
 */
export function KnowledgeCentre() {
  const { t, lang } = useI18n();
  const { pack } = useApp();
  const nav = useNav();
  const [audience, setAudience] = useState(remembered.audience);
  const [query, setQuery] = useState(remembered.query);
  remembered = { audience, query };
  const all = useMemo(() => packPages(pack, lang), [pack, lang]);
  if (all.length === 0) return null;
  const searching = query.trim() !== '';
  const shown = searching ? searchPages(all, query) : all.filter((p) => p.page.audiences.includes(audience));
  const present = PAGE_AUDIENCES.filter((a) => all.some((p) => p.page.audiences.includes(a)));
  return (
    <section class="kc" aria-labelledby="kc-title">
      <h2 id="kc-title">{t.kcTitle}</h2>
      <button type="button" class="secondary-btn" onClick={() => nav.go('situation')}>
        {t.kcSituation}
      </button>
      <div class="field kc-search">
        <label for="kc-search">{t.kcSearch}</label>
        <input
          id="kc-search"
          type="search"
          value={query}
          autocomplete="off"
          onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
        />
      </div>
      <fieldset class="kc-audiences">
        <legend class="visually-hidden">{t.kcFor}</legend>
        {present.map((a) => (
          <button
            key={a}
            type="button"
            class="secondary-btn kc-audience"
            aria-pressed={!searching && a === audience}
            onClick={() => {
              setQuery('');
              setAudience(a);
            }}
          >
            {t.kcAudience[a]}
          </button>
        ))}
      </fieldset>
      <p class="kc-count" role="status" data-testid="kc-count">
        {searching ? t.kcFound(shown.length) : ''}
      </p>
      <PageList pages={shown} testId="kc-list" />
    </section>
  );
}
