import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from './i18n/index.ts';

/**
 * Loads a screen's chunk on first use. Preact's own Suspense lives in preact/compat, which the first
 * screen does not need; this is the whole of what we use.
 */
export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  return function Lazy(props: P) {
    const [component, setComponent] = useState<ComponentType<P> | null>(() => loaded);
    const { t } = useI18n();
    useEffect(() => {
      if (component) return;
      loading ??= load().then((c) => {
        loaded = c;
        return c;
      });
      let live = true;
      loading.then((c) => live && setComponent(() => c));
      return () => {
        live = false;
      };
    }, [component]);
    if (!component) return <p class="loading">{t.loading}</p>;
    const Component = component;
    return <Component {...props} />;
  };
}
