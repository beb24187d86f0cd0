import { describe, expect, it } from 'vitest';
import type { ReportBody } from '../report-body.ts';
import type { ReportMetadata } from '../report-metadata.ts';
import { availableParts, partnerContent, reportBodyOfSealed, type SharedPart } from './partner-content.ts';

const metadata: ReportMetadata = {
  country: 'NL',
  category: 'sextortion',
  platform: 'instagram',
  role: 'self',
  ageBand: '13-15',
  flags: { ongoing: true, danger: false, selfHarm: false, imageAbuse: true },
};
const item = {
  id: 'item-0001',
  kind: 'image' as const,
  mediaType: 'image/png',
  name: 'screenshot-of-my-chat.png',
  size: 10,
  sha256: 'a'.repeat(64),
  capturedAt: '2026-11-30T10:00:00.000Z',
};
const full: ReportBody = {
  version: 1,
  description: 'Hij wil geld.',
  links: ['https://instagram.example/x'],
  contact: { email: 'kind@example.test' },
  language: 'nl',
  manifest: { version: 1, items: [item] },
};
const bare: ReportBody = { ...full, links: [], manifest: { version: 1, items: [] } };
delete bare.contact;

const build = (body: ReportBody, shared: SharedPart[]) =>
  partnerContent({
    helpline: 'Helpwanted',
    service: { id: 'offlimits', name: 'Offlimits' },
    metadata,
    body,
    shared,
    consentAt: new Date('2026-11-30T12:00:00Z'),
  });

describe('availableParts', () => {
  it.each<[string, ReportBody, SharedPart[]]>([
    ['everything', full, ['description', 'links', 'contact', 'evidence-hashes']],
    ['an anonymous text-only report', bare, ['description']],
    ['an empty description', { ...bare, description: '  ' }, []],
  ])('%s', (_name, body, parts) => {
    expect(availableParts(body)).toEqual(parts);
  });
});

describe('partnerContent', () => {
  it('carries only the chosen parts', () => {
    const content = build(full, ['description']);
    expect(content).toMatchObject({ shared: ['description'], description: 'Hij wil geld.', language: 'nl' });
    expect(JSON.stringify(content)).not.toMatch(/kind@example|instagram\.example|a{64}/);
  });

  it('gives evidence as fingerprints, without file names', () => {
    const content = build(full, ['evidence-hashes', 'contact']);
    expect(content.evidence).toEqual([
      { id: 'item-0001', kind: 'image', mediaType: 'image/png', size: 10, sha256: 'a'.repeat(64) },
    ]);
    expect(content.contact).toEqual({ email: 'kind@example.test' });
    expect(JSON.stringify(content)).not.toContain('screenshot-of-my-chat');
    expect(content.description).toBeUndefined();
  });

  it('ignores a chosen part the report does not have', () => {
    expect(build(bare, ['contact', 'links']).shared).toEqual([]);
  });
});

describe('reportBodyOfSealed', () => {
  const content = {
    version: 1,
    kind: 'vangnet-referral-content',
    helpline: 'Helpwanted',
    service: { id: 'be-vl', name: 'Hulplijn 1712' },
    metadata: {},
    language: 'nl',
    shared: ['description', 'links', 'evidence-hashes'],
    consent: { recordedAt: '2026-12-01T10:00:00.000Z' },
    description: 'Zij sturen berichten.',
    links: ['https://example.com/x'],
    evidence: [
      { id: 'img-1abcdefg', kind: 'image', mediaType: 'image/png', size: 10, sha256: 'a'.repeat(64) },
    ],
  };
  it.each([
    [
      'a peer’s referral content becomes a body with what was shared, evidence as fingerprints',
      content,
      {
        version: 1,
        description: `Zij sturen berichten.\nimage image/png 10 B sha256:${'a'.repeat(64)}`,
        links: ['https://example.com/x'],
        language: 'nl',
        manifest: { version: 1, items: [] },
      },
    ],
    ['a report body is left as it is', { version: 1, description: 'x' }, { version: 1, description: 'x' }],
    ['anything else too', 'text', 'text'],
  ])('%s', (_name, input, expected) => {
    expect(reportBodyOfSealed(input)).toEqual(expected);
  });
});
