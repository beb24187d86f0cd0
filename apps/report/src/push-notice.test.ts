import { describe, expect, it } from 'vitest';
import { ar } from './i18n/ar.ts';
import { de } from './i18n/de.ts';
import { en } from './i18n/en.ts';
import { fr } from './i18n/fr.ts';
import { nl } from './i18n/nl.ts';
import { pl } from './i18n/pl.ts';
import { tr } from './i18n/tr.ts';
import { uk } from './i18n/uk.ts';
import { PUSH_NOTICE, pushNoticeFor } from './push-notice.ts';

describe('push notice', () => {
  it.each([
    ['nl', nl.pushNotice],
    ['en', en.pushNotice],
    ['fr', fr.pushNotice],
    ['de', de.pushNotice],
    ['tr', tr.pushNotice],
    ['ar', ar.pushNotice],
    ['uk', uk.pushNotice],
    ['pl', pl.pushNotice],
  ] as const)('%s: the service worker says what the catalog says', (lang, text) => {
    expect(PUSH_NOTICE[lang]).toBe(text);
    expect(pushNoticeFor({ lang })).toBe(text);
  });

  it.each([[null], [{}], [{ lang: 'xx' }], [{ lang: 7 }], ['text']])('%j falls back to Dutch', (payload) => {
    expect(pushNoticeFor(payload)).toBe(PUSH_NOTICE.nl);
  });
});
