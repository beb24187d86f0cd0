import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * Browser features no page of ours may use, and the few the apps need. The reporter app copies the
 * receipt code (`navigator.clipboard.writeText`, apps/report/src/send/receipt-code.tsx); it takes
 * photos through `<input type="file" capture>`, which opens the phone's own camera app and needs no
 * camera permission. Nothing uses the microphone, location, sensors, payments or device APIs. Staff
 * sign in with a passkey or password + TOTP: the console's pages (and only they) may use WebAuthn
 * (`publickey-credentials-*` for `self`). Only features Chromium recognises are listed (an unknown
 * one is a console warning on every page).
 */
const WEBAUTHN_FEATURES = ['publickey-credentials-create', 'publickey-credentials-get'];

function permissionsPolicy(allowWebAuthn: boolean): string {
  return [
    ...[
      'accelerometer',
      'autoplay',
      'browsing-topics',
      'camera',
      'clipboard-read',
      'display-capture',
      'encrypted-media',
      'fullscreen',
      'geolocation',
      'gyroscope',
      'hid',
      'idle-detection',
      'local-fonts',
      'magnetometer',
      'microphone',
      'midi',
      'otp-credentials',
      'payment',
      'picture-in-picture',
      'publickey-credentials-create',
      'publickey-credentials-get',
      'screen-wake-lock',
      'serial',
      'storage-access',
      'usb',
      'xr-spatial-tracking',
    ]
      .filter((feature) => !(allowWebAuthn && WEBAUTHN_FEATURES.includes(feature)))
      .map((feature) => `${feature}=()`),
    'clipboard-write=(self)',
    ...(allowWebAuthn ? WEBAUTHN_FEATURES.map((feature) => `${feature}=(self)`) : []),
  ].join(', ');
}

export const PERMISSIONS_POLICY = permissionsPolicy(false);
/** The case-worker console's pages: passkeys for staff sign-in. */
export const CONSOLE_PERMISSIONS_POLICY = permissionsPolicy(true);

/**
 * Strict headers for every answer: only our own scripts, styles, images and connections; no inline
 * scripts, no framing, no third-party requests from any page, no browser feature the apps do not use.
 * API answers are never cached: they carry case data, and a report may be made from a shared device.
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  // onRequest, not onSend: the tus upload handler writes its reply itself and copies the headers set
  // so far. A route that may be cached sets its own Cache-Control later.
  app.addHook('onRequest', async (request, reply) => {
    reply.header(
      'permissions-policy',
      request.url.startsWith('/console') ? CONSOLE_PERMISSIONS_POLICY : PERMISSIONS_POLICY,
    );
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        // 'wasm-unsafe-eval' lets our own WebAssembly compile (the vault PIN's scrypt, sealing large
        // items); it allows no JavaScript eval and no script from anywhere else.
        scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        mediaSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // Reports may be made from a shared or school device: never let a referrer leak a path.
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
}
