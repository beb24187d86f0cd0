import { useI18n } from './i18n/index.ts';

/**
 * The languages a line answers in, when the reader's language is not one of them: the pack's `languages`
 * (e.g. Awel `[nl]`). Without a language list, or when the reader's language is on it, nothing is said.
 */
export function otherLanguages(languages: readonly string[] | undefined, lang: string): readonly string[] {
  if (!languages?.length || languages.includes(lang)) return [];
  return languages;
}

/** "(in Dutch)" after a line's name, so a French-speaking child knows before calling. */
export function SpokenIn({ languages }: { languages: readonly string[] | undefined }) {
  const { t, lang } = useI18n();
  const other = otherLanguages(languages, lang);
  if (other.length === 0) return null;
  const names = other.map((code) => t.languageNames[code] ?? code).join(', ');
  return <span class="spoken-in"> {t.answersIn(names)}</span>;
}
