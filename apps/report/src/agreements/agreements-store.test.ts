import { beforeEach, describe, expect, it } from 'vitest';
import { emptyAgreements, loadAgreements, saveAgreements, toggleAgreement } from './agreements-store.ts';
import { sheetBlocks } from './sheet.ts';

// A Map-backed localStorage, as the browser's: the store only ever reads and writes one key.
const memory = new Map<string, string>();
beforeEach(() => {
  memory.clear();
  Object.assign(globalThis, {
    localStorage: {
      getItem: (k: string) => memory.get(k) ?? null,
      setItem: (k: string, v: string) => memory.set(k, v),
      removeItem: (k: string) => memory.delete(k),
    },
  });
});

describe('agreements store', () => {
  it('keeps what the family picked, across a reload', () => {
    let value = toggleAgreement(emptyAgreements(), 'apps', ' We kiezen samen. ', true);
    value = toggleAgreement(value, 'who-to-tell', 'Oma mag het weten.', true);
    saveAgreements({ ...value, band: '10-12' });
    expect(loadAgreements().picked.apps).toEqual(['We kiezen samen.']);
    expect(loadAgreements().band).toBe('10-12');
  });

  it('lists a text once per topic and removes it again', () => {
    let value = toggleAgreement(emptyAgreements(), 'apps', 'A', true);
    value = toggleAgreement(value, 'apps', 'A', true);
    expect(value.picked.apps).toEqual(['A']);
    expect(toggleAgreement(value, 'apps', 'A', false).picked.apps).toEqual([]);
  });

  it.each([
    ['not JSON', '{'],
    ['a number', '42'],
    ['an unknown age band', JSON.stringify({ band: '18-plus', picked: {} })],
    ['wrong types', JSON.stringify({ band: 3, picked: { apps: [1, null, ''], settings: 'x' } })],
  ])('starts fresh from a stored entry that is %s', (_name, raw) => {
    memory.set('vn.agreements', raw);
    expect(loadAgreements()).toEqual(emptyAgreements());
  });
});

describe('sheetBlocks', () => {
  it('gives the title, the age, each topic with picks in order, and the date; empty topics left out', () => {
    let value = toggleAgreement(
      { ...emptyAgreements(), band: '13-15' },
      'who-to-tell',
      'Vertel het ons.',
      true,
    );
    value = toggleAgreement(value, 'apps', 'Samen kiezen.', true);
    const blocks = sheetBlocks(
      value,
      {
        title: 'Onze thuisafspraken',
        topics: { apps: 'Welke apps?', 'who-to-tell': 'Aan wie?' },
        ageLine: (age) => `Leeftijd: ${age}`,
        ages: { '13-15': '13 tot 15' },
        madeOn: (date) => `Gemaakt op ${date}`,
      },
      '30 november 2026',
    );
    expect(blocks).toEqual([
      { kind: 'title', text: 'Onze thuisafspraken' },
      { kind: 'text', text: 'Leeftijd: 13 tot 15' },
      { kind: 'heading', text: 'Welke apps?' },
      { kind: 'item', text: 'Samen kiezen.' },
      { kind: 'heading', text: 'Aan wie?' },
      { kind: 'item', text: 'Vertel het ons.' },
      { kind: 'text', text: 'Gemaakt op 30 november 2026' },
    ]);
  });
});
