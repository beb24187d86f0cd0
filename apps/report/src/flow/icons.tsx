import type { CategoryCode } from '@vangnet/core';
import { Icon } from '@vangnet/ui/icons';

/**
 * One simple line icon per category, drawn like the design system's own (@vangnet/ui/icons): inline SVG,
 * decorative because the text beside it says the same. Here, not in the design system: only the flow's
 * lazy chunk needs them.
 */
const PATHS: Record<CategoryCode, string> = {
  harassment: 'M4 5h16v10H9l-5 4zM8 9h8M8 12h5',
  threats: 'M12 3 2 20h20zM12 9v5M12 17v.5',
  exclusion: 'M8 8a3 3 0 1 0 0-.1M3 20c0-3 2-5 5-5s5 2 5 5M17 9l4 4M21 9l-4 4',
  impersonation: 'M9 9a3 3 0 1 0 0-.1M4 20c0-3 2-5 5-5M15 12h6v8h-6zM16 12v-2a2 2 0 0 1 4 0v2',
  exposure: 'M2 12s4-7 10-7 10 7 10 7-4 7-10 7S2 12 2 12zM12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6',
  'image-abuse': 'M3 5h18v14H3zM3 16l5-5 4 4 3-3 6 6M4 4l16 16',
  sextortion: 'M4 6h16v12H4zM4 6l8 7 8-7M12 16v3M9 21h6',
  hate: 'M12 20s-8-5-8-11a4 4 0 0 1 8-1 4 4 0 0 1 8 1c0 6-8 11-8 11zM9 9l6 6M15 9l-6 6',
  deepfake: 'M4 4h16v16H4zM9 10h.1M15 10h.1M8 15c2 2 6 2 8 0M2 2l3 3M22 22l-3-3',
  grooming: 'M8 7a3 3 0 1 0 0-.1M3 21c0-4 2-7 5-7s5 3 5 7M17 10a2 2 0 1 0 0-.1M15 21c0-3 1-5 2-5s2 2 2 5',
  'self-harm': 'M12 21s-9-5.5-9-12a5 5 0 0 1 9-3 5 5 0 0 1 9 3c0 6.5-9 12-9 12zM12 6v6',
  'harmful-content': 'M3 4h18v13H3zM8 21h8M12 17v4M12 8v4M12 14.5v.5',
  other: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM8 12h.1M12 12h.1M16 12h.1',
};

export function CategoryIcon({ code }: { code: CategoryCode }) {
  return <Icon d={PATHS[code]} />;
}
