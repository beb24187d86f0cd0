import { draftNotice, type NoticeWording } from '@vangnet/core/dsa/notice';
import { describe, expect, it } from 'vitest';
import { de } from '../i18n/de.ts';
import { en, type Messages } from '../i18n/en.ts';
import { fr } from '../i18n/fr.ts';
import { nl } from '../i18n/nl.ts';

/** The wording the guide screen hands to draftNotice (notice-draft.tsx does the same). */
const wording = (t: Messages): NoticeWording => ({
  ...t.notice,
  categorySentence: (c, minor) => t.noticeCategory(t.categories[c]?.[0] ?? c, minor),
  tdbLine: (label) => t.notice.tdbLine(label.category, label.keyword),
});

const URL = 'https://www.tiktok.com/@x/video/1';

describe.each([
  ['nl', nl],
  ['en', en],
  ['fr', fr],
  ['de', de],
] as const)('the %s notice', (_lang, t) => {
  it('has each Art. 16(2) element in the child’s language, with the name only when given', () => {
    const input = {
      category: 'threats' as const,
      ageBand: '13-15' as const,
      platformName: 'TikTok',
      links: URL,
      explanation: 'x',
      notifier: { name: 'Sam', email: 'sam@example.org' },
    };
    const text = draftNotice(input, wording(t)).text;
    expect(text).toContain(`(a) ${t.notice.explanationTitle}`); // (a) explanation
    expect(text).toContain(t.categories.threats?.[0] ?? '?');
    expect(text).toContain(`- ${URL}`); // (b) exact location
    expect(text).toContain(t.notice.notifierLine('Sam', 'sam@example.org')); // (c) name and e-mail
    expect(text).toContain(`(d) ${t.notice.goodFaith}`); // (d) good faith
    const abuse = draftNotice({ ...input, category: 'image-abuse' }, wording(t)).text;
    expect(abuse).not.toContain('sam@example.org');
    expect(abuse).toContain(t.notice.notifierExempt);
  });
});
