import { createContext } from 'preact';
import { useCallback, useContext, useEffect, useState } from 'preact/hooks';
import { readSession, writeSession } from './lib/storage.ts';

/**
 * Screens live in app state, never in the URL: the address bar always shows `/`, so a history list
 * or a shoulder-surfer learns nothing. Each step still gets a browser history entry (same URL,
 * state = depth only), so the phone's back button walks back through the flow.
 */
export type Screen =
  | 'start'
  | 'crisis'
  | 'crisis-flow'
  | 'help'
  | 'routes'
  | 'what'
  | 'where'
  | 'who'
  | 'age'
  | 'danger'
  | 'story'
  | 'evidence'
  | 'contact'
  | 'review'
  | 'sending'
  | 'receipt'
  | 'follow'
  | 'chat'
  | 'platform-guide'
  | 'agreements'
  /** "What can I do?" for one situation (knowledge centre). */
  | 'situation'
  /** A knowledge-centre page: its slug rides in app state, never in the URL. */
  | `page:${string}`
  // Worried about my own behaviour: the choice, then one screen per path (own/own-behaviour.tsx).
  | 'own'
  | 'own-regret'
  | 'own-might-do'
  | 'own-make-it-right';

const NAV_KEY = 'vn.nav';

interface Trail {
  screens: Screen[];
  depth: number;
}

function loadTrail(): Trail {
  try {
    const raw = readSession(NAV_KEY);
    if (raw) {
      const parsed = JSON.parse(raw) as Trail;
      if (Array.isArray(parsed.screens) && parsed.screens.length > 0 && parsed.depth >= 1) return parsed;
    }
  } catch {
    // A broken entry starts fresh.
  }
  return { screens: ['start'], depth: 1 };
}

export function clearNav(): void {
  writeSession(NAV_KEY, null);
}

export interface Nav {
  screen: Screen;
  /** The screen before this one, e.g. the question that led to the crisis screen. */
  previous: Screen | undefined;
  depth: number;
  go: (screen: Screen) => void;
  /** Replace the current screen (no new history entry), e.g. "sending" → "receipt". */
  replace: (screen: Screen) => void;
  back: () => void;
  home: () => void;
}

export function useNavState(): Nav {
  const [trail, setTrail] = useState<Trail>(loadTrail);

  useEffect(() => {
    writeSession(NAV_KEY, JSON.stringify(trail));
  }, [trail]);

  useEffect(() => {
    // A fresh load: tie this entry to the restored depth without adding one.
    history.replaceState({ vn: trail.depth }, '');
    const onPop = (event: PopStateEvent) => {
      const depth = (event.state as { vn?: number } | null)?.vn;
      setTrail((t) => ({
        ...t,
        depth: typeof depth === 'number' ? Math.min(Math.max(depth, 1), t.screens.length) : 1,
      }));
    };
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);

  const go = useCallback((screen: Screen) => {
    setTrail((t) => {
      const screens = [...t.screens.slice(0, t.depth), screen];
      history.pushState({ vn: screens.length }, '');
      return { screens, depth: screens.length };
    });
  }, []);

  const replace = useCallback((screen: Screen) => {
    setTrail((t) => ({ screens: [...t.screens.slice(0, t.depth - 1), screen], depth: t.depth }));
  }, []);

  const back = useCallback(() => {
    if (history.state && typeof (history.state as { vn?: number }).vn === 'number' && trail.depth > 1) {
      history.back();
    } else {
      setTrail((t) => ({ ...t, depth: Math.max(1, t.depth - 1) }));
    }
  }, [trail.depth]);

  const home = useCallback(() => {
    setTrail((t) => {
      const screens: Screen[] = [...t.screens.slice(0, t.depth), 'start'];
      history.pushState({ vn: screens.length }, '');
      return { screens, depth: screens.length };
    });
  }, []);

  return {
    screen: trail.screens[trail.depth - 1] ?? 'start',
    previous: trail.screens[trail.depth - 2],
    depth: trail.depth,
    go,
    replace,
    back,
    home,
  };
}

export const NavContext = createContext<Nav | null>(null);

export function useNav(): Nav {
  const value = useContext(NavContext);
  if (!value) throw new Error('useNav outside NavContext');
  return value;
}
