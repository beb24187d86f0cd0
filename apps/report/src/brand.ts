import { type BrandView, brandView } from '@vangnet/core/pack/brand-view';
import { shellBrand } from '@vangnet/ui/brand';
import { useApp } from './app-context.ts';

/**
 * The helpline's brand: from the page the server sent (at once, offline too), else from the pack once it
 * is loaded (a developer's `vite` server), else none (the design system's own look and the app's name).
 */
export function useBrand(): BrandView | null {
  const { pack } = useApp();
  return shellBrand() ?? (pack?.meta.branding ? brandView(pack) : null);
}
