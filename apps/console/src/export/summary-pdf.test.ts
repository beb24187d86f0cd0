import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { buildSummaryPdf, type SummaryInput } from './summary-pdf.ts';

const require = createRequire(import.meta.url);
const font = (file: string) => new Uint8Array(readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`)));
const fonts = { regular: font('DejaVuSans.ttf'), bold: font('DejaVuSans-Bold.ttf') };

const input: SummaryInput = {
  caseId: 'rep_pdf',
  helplineName: 'Helpwanted',
  exportedAt: new Date('2026-11-24T09:00:00.000Z'),
  exportedBy: 'worker:w1',
  categoryLabel: 'Threats',
  statusLabel: 'Referred',
  report: {
    caseId: 'rep_pdf',
    metadata: {
      country: 'NL',
      category: 'threats',
      platform: 'snapchat',
      role: 'self',
      ageBand: '13-15',
      flags: { ongoing: true, danger: true, selfHarm: false, imageAbuse: false },
    },
    status: 'referred',
    createdAt: '2026-11-24T08:00:00.000Z',
    description: 'Zoë zegt dat ze me komt halen. Ça fait peur. Łódź, Αθήνα.',
    links: ['https://example.org/u/1'],
    language: 'nl',
    manifest: { version: 1, items: [] },
  },
  items: [
    {
      id: 'img-1',
      name: 'chat.png',
      mediaType: 'image/png',
      size: 10,
      sha256: 'a'.repeat(64),
      capturedAt: '2026-11-23T20:00:00.000Z',
      intact: true,
    },
  ],
  receipt: { receivedAt: '2026-11-24T08:00:01.000Z', signatureValid: true, serverPublicKey: 'b'.repeat(64) },
  audit: [{ seq: 1, at: '2026-11-24T08:00:01.000Z', actor: 'reporter', action: 'report.receive' }],
};

describe('PDF summary', () => {
  it('is a tagged PDF with a title, a language, a structure tree and an embedded Unicode font', async () => {
    const pdf = await buildSummaryPdf(input, fonts);
    const text = new TextDecoder('latin1').decode(pdf);
    expect(text.startsWith('%PDF-1.7')).toBe(true);
    expect(text).toContain('/StructTreeRoot');
    expect(text).toMatch(/\/MarkInfo/);
    expect(text).toContain('/Lang (en-GB)');
    expect(text).toMatch(/\/DisplayDocTitle true/);
    expect(text).toMatch(/\/FontFile2/);
    expect(text).toContain('DejaVuSans');
    expect(text).toMatch(/\/S \/H1/);
    expect(pdf.length).toBeGreaterThan(5_000);
  });
});
