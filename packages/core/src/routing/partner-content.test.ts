import { describe, expect, it } from 'vitest';
import type { ReportBody } from '../report-body.ts';
import type { ReportMetadata } from '../report-metadata.ts';
import { availableParts, partnerContent, type SharedPart } from './partner-content.ts';

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
