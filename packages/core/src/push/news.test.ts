import { describe, expect, it } from 'vitest';
import { isNewsForReporter, pushLangOf } from './news.ts';

describe('isNewsForReporter', () => {
  it.each([
    ['helpline-read', true],
    ['helpline-replied', true],
    ['status-changed', true],
    ['handed-over', true],
    ['partner-confirmed', true],
    ['partner-outcome', true],
    // The reporter's own doing: no notification.
    ['received', false],
    ['evidence-received', false],
    ['visible', false],
    // A kind nobody decided on yet stays silent.
    ['something-new', false],
    ['', false],
  ])('%s → %s', (event, news) => {
    expect(isNewsForReporter(event)).toBe(news);
  });
});

describe('pushLangOf', () => {
  it.each([
    ['nl', 'nl'],
    ['en', 'en'],
    ['fr', 'fr'],
    ['de', 'de'],
    ['tr', 'tr'],
    ['ar', 'ar'],
    ['uk', 'uk'],
    ['pl', 'pl'],
    ['es', 'nl'],
    [undefined, 'nl'],
    [42, 'nl'],
  ])('%s → %s', (value, lang) => {
    expect(pushLangOf(value)).toBe(lang);
  });
});
