import type { CompiledNode } from '@vangnet/core/icu/catalog';
import { useEffect, useState } from 'preact/hooks';
import { loadCannedReplies } from '../i18n/index.ts';

/**
 * The built-in standard replies for a reporter's language, loaded when a case or chat in it opens
 * (one chunk per language); null until they are there or when there is no language yet.
 */
export function useCannedReplies(
  language: string | undefined,
): { lang: string; replies: CompiledNode } | null {
  const [loaded, setLoaded] = useState<{ for: string; lang: string; replies: CompiledNode } | null>(null);
  useEffect(() => {
    if (!language) return;
    let live = true;
    loadCannedReplies(language)
      .then((set) => {
        if (live) setLoaded({ for: language, ...set });
      })
      // A chunk that cannot be fetched: no standard replies; the worker writes their own.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [language]);
  return loaded && loaded.for === language ? loaded : null;
}
