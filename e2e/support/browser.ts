import { type Browser, chromium } from 'playwright-core';

/**
 * Debian's Chromium, driven by playwright-core. The flags keep it from calling home: this machine's
 * network is closed, and a reporter's page must make no third-party requests anyway.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

/** The phone the issues name: a cheap Android at 360×740. */
export const MOBILE_VIEWPORT = { width: 360, height: 740 } as const;
