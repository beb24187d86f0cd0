/**
 * Where the server may send a push: only to the browser vendors' push services, over https. The
 * endpoint comes from the reporter's browser, so without this list the server could be made to POST
 * to any address (its own network included). PUSH_SERVICE_ORIGINS adds origins (a self-hosted push
 * service; the tests' loopback receiver).
 */
const VENDOR_HOSTS = [
  'fcm.googleapis.com', // Chrome, Edge, Opera, Samsung
  'updates.push.services.mozilla.com', // Firefox
  'web.push.apple.com', // Safari
  '.notify.windows.com', // Edge on Windows (legacy WNS)
];

export function isAllowedPushEndpoint(endpoint: string, extraOrigins: readonly string[] = []): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (extraOrigins.includes(url.origin)) return true;
  if (url.protocol !== 'https:' || url.port !== '') return false;
  return VENDOR_HOSTS.some((h) => (h.startsWith('.') ? url.hostname.endsWith(h) : url.hostname === h));
}

/** PUSH_SERVICE_ORIGINS: comma-separated origins (`https://push.example:8443`). */
export function parsePushOrigins(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => new URL(s).origin);
}
