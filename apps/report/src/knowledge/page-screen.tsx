import { textDirection } from '@vangnet/core/icu/direction';
import { useApp } from '../app-context.ts';
import { useI18n } from '../i18n/index.ts';
import { useNav } from '../nav.ts';
import { Title } from '../shell.tsx';
import { Markdown } from './markdown.tsx';
import { packPages } from './pages.ts';

/** One page of the knowledge centre (its own chunk: the Markdown renderer loads only here). */
export function PageScreen({ slug }: { slug: string }) {
  const { t, lang } = useI18n();
  const { pack } = useApp();
  const nav = useNav();
  const shown = packPages(pack, lang).find((p) => p.slug === slug);
  if (!shown) {
    return (
      <section class="screen kc-page-screen">
        <Title>{t.kcMissing}</Title>
        <button type="button" class="secondary-btn" onClick={() => nav.go('help')}>
          {t.kcAll}
        </button>
      </section>
    );
  }
  const { page } = shown;
  return (
    <section
      class="screen kc-page-screen"
      // A page shown in another language also takes that language's direction (Dutch inside an Arabic screen).
      {...(shown.lang === lang ? {} : { lang: shown.lang, dir: textDirection(shown.lang) })}
    >
      <Title>{page.title}</Title>
      {page.unreviewed && (
        <p class="kc-unreviewed" lang={lang} dir={textDirection(lang)}>
          {t.kcUnreviewed}
        </p>
      )}
      <Markdown source={page.markdown} />
    </section>
  );
}
