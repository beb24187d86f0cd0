import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { consoleCatalogs } from '../i18n/compile-in-node.ts';
import { buildSummaryPdf, type SummaryInput, summaryContent } from './summary-pdf.ts';

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
  wording: consoleCatalogs.en.pdf,
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

describe('PDF summary wording', () => {
  const lines = (i: SummaryInput) => summaryContent(i).flatMap((b) => (b.kind === 'image' ? [] : [b.text]));

  it('is in the helpline’s language, with times in the pack’s time zone', async () => {
    const french = {
      ...input,
      lang: 'fr',
      wording: consoleCatalogs.fr.pdf,
      roleLabel: consoleCatalogs.fr.roles.self,
      languageLabel: 'Nederlands',
      flagLabels: consoleCatalogs.fr.flags,
      timeZone: 'Europe/Brussels',
    };
    const text = lines(french);
    expect(text[0]).toBe('Résumé des preuves, dossier rep_pdf');
    expect(text).toContain('Toutes les heures sont dans le fuseau horaire Europe/Brussels.');
    expect(text).toContain('Signalé par: Le jeune lui-même');
    expect(text).toContain('Signaux d’urgence: Toujours en cours, En danger');
    // 08:00 UTC on 24 November is 09:00 in Brussels (winter time), written the French way.
    const received = text.find((l) => l.startsWith('Reçu:'));
    expect(received).toContain('09:00');
    expect(received).toContain('nov.');
    expect(text.join('\n')).not.toMatch(/Evidence|Received|Reported by/);
    const pdf = new TextDecoder('latin1').decode(await buildSummaryPdf(french, fonts));
    expect(pdf).toContain('/Lang (fr)');
  });

  it('stays in English when no language is given, times still in the pack’s zone', () => {
    const text = lines({ ...input, timeZone: 'Europe/Amsterdam' });
    expect(text[0]).toBe('Evidence summary, case rep_pdf');
    expect(text.find((l) => l.startsWith('Received:'))).toContain('9:00');
  });
});
