import type { BundleReport } from '@vangnet/core/bundle/format';
import PDFDocument from 'pdfkit';
import { formatDateTime } from '../lib/format.ts';
import type { ConsoleCatalog } from '../lib/text.ts';

/**
 * The PDF summary inside the evidence bundle, for a police officer, a school or a court: what was
 * reported, when, each evidence item with its hash and integrity state, the server's receipt, and the
 * case's audit trail. Tagged (PDF/UA: headings, paragraphs, figures with alt text) with an embedded
 * Unicode font (DejaVu Sans), so names and messages in any EU language come out right and a screen
 * reader can read it. Written in the helpline's language (the console's) with times in the helpline's
 * time zone (the pack's), named on the first page, so a reader abroad is not misled by the clock.
 */
export type SummaryItem = {
  id: string;
  name?: string;
  mediaType: string;
  size: number;
  sha256: string;
  capturedAt: string;
  intact: boolean;
  /**
   * The image re-encoded as JPEG for the summary only (the original stays untouched in items/).
   * JPEG because pdfkit's browser PNG decoder inflates in a blob: worker, which the CSP forbids.
   */
  jpeg?: Uint8Array;
};

export type SummaryInput = {
  caseId: string;
  helplineName: string;
  exportedAt: Date;
  exportedBy: string;
  report: BundleReport;
  items: SummaryItem[];
  receipt: { receivedAt: string; signatureValid: boolean; serverPublicKey: string } | null;
  audit: { seq: number; at: string; actor: string; action: string }[];
  categoryLabel: string;
  statusLabel: string;
  /** The helpline's language (BCP 47; English when not given) and the wording in it (the console's catalog). */
  lang?: string;
  wording: ConsoleCatalog['pdf'];
  /** Labels for the reporter's role and language and the urgency flags, in the same language. */
  roleLabel?: string;
  languageLabel?: string;
  flagLabels?: Record<string, string>;
  /** The pack's time zone (IANA, e.g. Europe/Brussels); every time in the summary is in it. */
  timeZone?: string;
};

/** One block of the summary, in reading order: what the PDF draws, kept apart so it can be tested. */
export type SummaryBlock =
  | { kind: 'h1'; text: string }
  | { kind: 'h2'; text: string }
  | { kind: 'item'; text: string }
  | { kind: 'p'; text: string; size?: number }
  | { kind: 'image'; jpeg: Uint8Array; alt: string; missing: string };

export function summaryContent(input: SummaryInput): SummaryBlock[] {
  const t = input.wording;
  const lang = input.lang ?? 'en';
  const time = (iso: string | Date) => formatDateTime(iso, input.timeZone, lang);
  const out: SummaryBlock[] = [];
  const h = (kind: 'h1' | 'h2', text: string) => out.push({ kind, text });
  const p = (text: string, size?: number) => out.push(size ? { kind: 'p', text, size } : { kind: 'p', text });
  const field = (label: string, value: string) => p(`${label}: ${value}`);

  h('h1', t.title(input.caseId));
  p(t.exported(input.helplineName, time(input.exportedAt), input.exportedBy));
  if (input.timeZone) p(t.timeZone(input.timeZone));
  p(t.howToCheck);

  h('h2', t.report);
  const m = input.report.metadata;
  field(t.received, time(input.report.createdAt));
  field(t.category, input.categoryLabel);
  field(t.platform, `${m.platform}${m.channel ? ` (${m.channel})` : ''}`);
  field(t.ageBand, m.ageBand);
  field(t.reportedBy, input.roleLabel ?? m.role);
  field(t.language, input.languageLabel ?? input.report.language);
  const flags = Object.entries(m.flags)
    .filter(([, on]) => on)
    .map(([flag]) => input.flagLabels?.[flag] ?? flag);
  field(t.flags, flags.length ? flags.join(', ') : t.none);
  field(t.status, input.statusLabel);
  h('h2', t.wrote);
  p(input.report.description.trim() || t.noText);
  if (input.report.links.length) {
    h('h2', t.links);
    for (const link of input.report.links) p(link);
  }

  h('h2', t.items);
  if (!input.items.length) p(t.noItems);
  for (const [i, item] of input.items.entries()) {
    out.push({ kind: 'item', text: `${i + 1}. ${item.name ?? item.id}` });
    field(t.itemId, item.id);
    field(t.typeAndSize, `${item.mediaType}, ${t.bytes(item.size)}`);
    field(t.captured, time(item.capturedAt));
    field('SHA-256', item.sha256);
    field(t.integrity, item.intact ? t.intact : t.notIntact);
    if (item.jpeg && isJpeg(item.jpeg)) {
      out.push({
        kind: 'image',
        jpeg: item.jpeg,
        alt: t.imageAlt(i + 1, item.name ?? item.id),
        missing: t.imageMissing,
      });
    }
  }

  h('h2', t.receipt);
  if (input.receipt) {
    field(t.receivedByServer, time(input.receipt.receivedAt));
    field(t.signature, input.receipt.signatureValid ? t.valid : t.notValid);
    field(t.publicKey, input.receipt.serverPublicKey);
  } else {
    p(t.noReceipt);
  }

  h('h2', t.audit);
  p(t.auditNote, 9);
  for (const r of input.audit) p(`#${r.seq}  ${time(r.at)}  ${r.action}  ${r.actor}`, 9);
  return out;
}

export type SummaryFonts = { regular: Uint8Array; bold: Uint8Array };

const isJpeg = (b: Uint8Array) => b[0] === 0xff && b[1] === 0xd8;

export function buildSummaryPdf(input: SummaryInput, fonts: SummaryFonts): Promise<Uint8Array> {
  const wording = input.wording;
  const title = wording.title(input.caseId);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    // The browser build of pdfkit has no standard fonts: start with the embedded Unicode font.
    font: fonts.regular,
    tagged: true,
    subset: 'PDF/UA',
    pdfVersion: '1.7',
    lang: input.lang ?? 'en-GB',
    displayTitle: true,
    info: {
      Title: title,
      Author: input.helplineName,
      Subject: wording.subject,
      CreationDate: input.exportedAt,
    },
  });
  const chunks: Uint8Array[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (c) => chunks.push(c));
    doc.on('error', reject);
    doc.on('end', () => {
      const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      let o = 0;
      for (const c of chunks) {
        out.set(c, o);
        o += c.length;
      }
      resolve(out);
    });
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  const root = doc.struct('Document');
  doc.addStructure(root);
  const heading = (t: string, level: 1 | 2) => {
    doc.moveDown(level === 1 ? 0 : 0.8);
    doc
      .font('bold')
      .fontSize(level === 1 ? 18 : 13)
      .fillColor('#000000');
    doc.text(t, { structParent: root, structType: level === 1 ? 'H1' : 'H2' });
    doc.moveDown(0.3);
  };
  const para = (t: string, size = 10) => {
    doc.font('regular').fontSize(size).fillColor('#000000');
    doc.text(t, { structParent: root, structType: 'P', lineGap: 2 });
  };

  for (const block of summaryContent(input)) {
    if (block.kind === 'h1') heading(block.text, 1);
    else if (block.kind === 'h2') heading(block.text, 2);
    else if (block.kind === 'p') para(block.text, block.size);
    else if (block.kind === 'item') {
      doc.moveDown(0.4);
      doc.font('bold').fontSize(11);
      doc.text(block.text, { structParent: root, structType: 'P' });
    } else {
      const { jpeg, alt } = block;
      try {
        if (doc.y > doc.page.height - 260) doc.addPage();
        root.add(doc.struct('Figure', { alt }, () => doc.image(jpeg, { fit: [240, 200] })));
        doc.moveDown(0.5);
      } catch {
        para(block.missing);
      }
    }
  }

  root.end();
  doc.end();
  return done;
}
