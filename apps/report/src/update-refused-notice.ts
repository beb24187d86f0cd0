import { useEffect, useState } from 'preact/hooks';
import { UPDATE_REFUSED_MESSAGE } from './update-refused.ts';

/**
 * True once the service worker says it refused an update it could not check against the signed build
 * list (sw-build-check.ts). The page keeps running the version it has; the notice only says so, calmly.
 */
export function useUpdateRefused(): boolean {
  const [refused, setRefused] = useState(false);
  useEffect(() => {
    const container = navigator.serviceWorker;
    if (!container) return;
    const listen = (event: MessageEvent) => {
      if ((event.data as { type?: unknown } | null)?.type === UPDATE_REFUSED_MESSAGE) setRefused(true);
    };
    container.addEventListener('message', listen);
    return () => container.removeEventListener('message', listen);
  }, []);
  return refused;
}
