import { useEffect, useState } from 'preact/hooks';

/**
 * A few screens need no router library: `/console/` (queue), `/console/cases/<id>` (case),
 * `/console/cases/<id>/export`, `/console/supervisor`, `/console/figures`, `/console/security` (the worker's passkeys),
 * `/console/keys` (the helpline key ceremony, administrators).
 * Case ids are random server ids, never content.
 */
export type Route =
  | { name: 'queue' }
  | { name: 'supervisor' }
  | { name: 'figures' }
  | { name: 'case'; id: string }
  | { name: 'export'; id: string }
  | { name: 'security' }
  | { name: 'keys' }
  | { name: 'chats' }
  | { name: 'chat'; id: string };

const BASE = '/console/';

export function parseRoute(pathname: string): Route {
  const rest = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : '';
  if (/^supervisor\/?$/.test(rest)) return { name: 'supervisor' };
  if (/^figures\/?$/.test(rest)) return { name: 'figures' };
  if (/^security\/?$/.test(rest)) return { name: 'security' };
  if (/^keys\/?$/.test(rest)) return { name: 'keys' };
  if (/^chats\/?$/.test(rest)) return { name: 'chats' };
  const chat = /^chats\/([A-Za-z0-9_-]{1,100})\/?$/.exec(rest);
  if (chat) return { name: 'chat', id: chat[1]! };
  const m = /^cases\/([A-Za-z0-9_-]{1,100})(\/export)?\/?$/.exec(rest);
  if (m) return m[2] ? { name: 'export', id: m[1]! } : { name: 'case', id: m[1]! };
  return { name: 'queue' };
}

export function hrefOf(route: Route): string {
  if (route.name === 'queue') return BASE;
  if (route.name === 'supervisor') return `${BASE}supervisor`;
  if (route.name === 'figures') return `${BASE}figures`;
  if (route.name === 'security') return `${BASE}security`;
  if (route.name === 'keys') return `${BASE}keys`;
  if (route.name === 'chats') return `${BASE}chats`;
  if (route.name === 'chat') return `${BASE}chats/${route.id}`;
  return `${BASE}cases/${route.id}${route.name === 'export' ? '/export' : ''}`;
}

export function navigate(route: Route): void {
  history.pushState(null, '', hrefOf(route));
  dispatchEvent(new PopStateEvent('popstate'));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.pathname));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.pathname));
    addEventListener('popstate', update);
    return () => removeEventListener('popstate', update);
  }, []);
  return route;
}

/** Same-origin links that navigate without a reload (plain clicks only; new tabs still work). */
export function onLinkClick(route: Route) {
  return (event: MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(route);
  };
}
