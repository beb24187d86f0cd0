/**
 * "Tell me when there is news": the browser's push subscription, handed to the server with the
 * report's access token. The server stores it sealed and sends only "there is news".
 */
export function pushSupported(): boolean {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

function auth(accessToken: string): Record<string, string> {
  return { authorization: `Bearer ${accessToken}`, accept: 'application/json' };
}

export async function pushState(accessToken: string): Promise<{ enabled: boolean; vapidPublicKey?: string }> {
  const res = await fetch('/api/v1/reports/self/push', { headers: auth(accessToken) });
  if (!res.ok) throw new Error(`push state: ${res.status}`);
  return (await res.json()) as { enabled: boolean; vapidPublicKey?: string };
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
}

function sameKey(a: ArrayBuffer | null | undefined, b: Uint8Array): boolean {
  if (!a || a.byteLength !== b.length) return false;
  const x = new Uint8Array(a);
  return x.every((v, i) => v === b[i]);
}

/** 'on', or why not: the person said no to notifications ('denied'), or something failed ('failed'). */
export async function turnPushOn(
  accessToken: string,
  vapidPublicKey: string,
  lang: string,
): Promise<'on' | 'denied' | 'failed'> {
  try {
    if ((await Notification.requestPermission()) !== 'granted') return 'denied';
    const registration = await navigator.serviceWorker.ready;
    const key = fromBase64url(vapidPublicKey);
    let subscription = await registration.pushManager.getSubscription();
    if (subscription && !sameKey(subscription.options.applicationServerKey, key)) {
      await subscription.unsubscribe();
      subscription = null;
    }
    subscription ??= await registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: key,
    });
    const json = subscription.toJSON();
    const res = await fetch('/api/v1/reports/self/push', {
      method: 'PUT',
      headers: { ...auth(accessToken), 'content-type': 'application/json' },
      body: JSON.stringify({ endpoint: json.endpoint, keys: json.keys, lang }),
    });
    return res.ok ? 'on' : 'failed';
  } catch {
    return 'failed';
  }
}

export async function turnPushOff(accessToken: string): Promise<boolean> {
  try {
    const res = await fetch('/api/v1/reports/self/push', { method: 'DELETE', headers: auth(accessToken) });
    const registration = await navigator.serviceWorker.ready;
    await (await registration.pushManager.getSubscription())?.unsubscribe();
    return res.ok;
  } catch {
    return false;
  }
}
