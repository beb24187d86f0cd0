import { draftNotice } from '@vangnet/core/dsa/notice';
import { describe, expect, it } from 'vitest';
import { consoleCatalogs } from '../i18n/compile-in-node.ts';
import { trustedFlaggerWording } from './notice-wording.ts';

const { en: english, nl, fr, de, tr, ar } = consoleCatalogs;

const input = {
  category: 'threats' as const,
  ageBand: '13-15' as const,
  platformName: 'Instagram',
  links: 'https://www.instagram.com/p/abc123',
  explanation: 'Hij zegt dat hij me komt halen.',
  legalBasis: [
    {
      categories: ['threats' as const],
      law: 'Wetboek van Strafrecht',
      articles: ['art. 285'],
      unverified: true,
    },
  ],
  trustedFlagger: { name: 'Helpwanted', email: '' },
};

describe('the trusted-flagger notice in each console language', () => {
  it.each([
    ['en', english, 'Helpwanted, trusted flagger.', 'This may break Wetboek van Strafrecht, art. 285.'],
    [
      'nl',
      nl,
      'Helpwanted, betrouwbare flagger.',
      'Dit is mogelijk strafbaar volgens Wetboek van Strafrecht, art. 285.',
    ],
    [
      'fr',
      fr,
      'Helpwanted, signaleur de confiance.',
      'Cela enfreint peut-être Wetboek van Strafrecht, art. 285.',
    ],
    [
      'de',
      de,
      'Helpwanted, vertrauenswürdiger Hinweisgeber.',
      'Dies verstößt möglicherweise gegen Wetboek van Strafrecht, art. 285.',
    ],
    [
      'tr',
      tr,
      'Helpwanted, güvenilir işaretleyici.',
      'Bu, şunu ihlal ediyor olabilir: Wetboek van Strafrecht, art. 285.',
    ],
    ['ar', ar, 'Helpwanted، مُبلِّغ موثوق.', 'قد يخالف هذا Wetboek van Strafrecht، art. 285.'],
  ])(
    '%s: the helpline stands in (c); the URL, the child’s words, the DSA label are in',
    (_lang, t, flagger, basis) => {
      const notice = draftNotice(input, trustedFlaggerWording(t));
      expect(notice.subject).toContain('Instagram');
      expect(notice.text).toContain(flagger);
      expect(notice.text).toContain(basis);
      expect(notice.text).toContain('- https://www.instagram.com/p/abc123');
      expect(notice.text).toContain('Hij zegt dat hij me komt halen.');
      expect(notice.text).toContain(`${notice.tdb.category} / ${notice.tdb.keyword}`);
      expect(notice.text).toContain(t.categories.threats);
      expect(notice.notifierIncluded).toBe(false);
    },
  );
});
