import type { PageInfo } from '@vangnet/core/pack/pages';
import type { PublicPack } from '../pack.ts';

/** A pack page as the app shows it: in the reader's language when the pack has it, else the default one. */
export type ShownPage = { slug: string; page: PageInfo; lang: string };

/** Every page of the pack, in the default language's order (file names), each in the best language. */
export function packPages(pack: PublicPack | null, lang: string): ShownPage[] {
  if (!pack?.pages) return [];
  const fallback = pack.meta.defaultLanguage;
  const slugs = Object.keys(pack.pages[fallback] ?? {});
  for (const slug of Object.keys(pack.pages[lang] ?? {})) if (!slugs.includes(slug)) slugs.push(slug);
  return slugs.flatMap((slug) => {
    const own = pack.pages[lang]?.[slug];
    if (own) return [{ slug, page: own, lang }];
    const other = pack.pages[fallback]?.[slug];
    return other ? [{ slug, page: other, lang: fallback }] : [];
  });
}

/** The page screen's name in app state (never the URL): nav.ts `page:<slug>`. */
export const pageScreen = (slug: string) => `page:${slug}` as const;
