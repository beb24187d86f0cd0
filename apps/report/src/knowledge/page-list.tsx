import { useI18n } from '../i18n/index.ts';
import { useNav } from '../nav.ts';
import { pageScreen, type ShownPage } from './pages.ts';

/** Pages as buttons (screens live in app state, so a page is not a link): title, kind and summary. */
export function PageList({ pages, testId }: { pages: readonly ShownPage[]; testId: string }) {
  const { t, lang } = useI18n();
  const nav = useNav();
  if (pages.length === 0) return null;
  return (
    <ul class="kc-pages" data-testid={testId}>
      {pages.map(({ slug, page, lang: pageLang }) => (
        <li key={slug}>
          <button
            type="button"
            class="choice kc-page"
            lang={pageLang === lang ? undefined : pageLang}
            onClick={() => nav.go(pageScreen(slug))}
          >
            <span class="choice-title">{page.title}</span>
            {page.kind !== 'guide' && <span class="kc-kind">{t.kcKind[page.kind]}</span>}
            <span class="choice-hint">{page.summary}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
