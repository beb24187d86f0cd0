import type { BundleReport } from '@vangnet/core/bundle/format';
import PDFDocument from 'pdfkit';

/**
 * The PDF summary inside the evidence bundle, for a police officer, a school or a court: what was
 * reported, when, each evidence item with its hash and integrity state, the server's receipt, and the
 * case's audit trail. Tagged (PDF/UA: headings, paragraphs, figures with alt text) with an embedded
 * Unicode font (DejaVu Sans), so names and messages in any EU language come out right and a screen
 * reader can read it.
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
};

export type SummaryFonts = { regular: Uint8Array; bold: Uint8Array };

const isJpeg = (b: Uint8Array) => b[0] === 0xff && b[1] === 0xd8;

export function buildSummaryPdf(input: SummaryInput, fonts: SummaryFonts): Promise<Uint8Array> {
  const title = `Evidence summary, case ${input.caseId}`;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    // The browser build of pdfkit has no standard fonts: start with the embedded Unicode font.
    font: fonts.regular,
    tagged: true,
    subset: 'PDF/UA',
    pdfVersion: '1.7',
    lang: 'en-GB',
    displayTitle: true,
    info: {
      Title: title,
      Author: input.helplineName,
      Subject: 'Vangnet evidence export',
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
  const field = (label: string, value: string) => para(`${label}: ${value}`);

  heading(title, 1);
  para(`Exported from ${input.helplineName} on ${input.exportedAt.toISOString()} by ${input.exportedBy}.`);
  para(
    'The evidence files are in the items/ folder of this bundle, exactly as the reporter captured them. ' +
      'Run "npx vangnet verify <bundle>" or "sha256sum -c SHA256SUMS" to check that nothing was changed.',
  );

  heading('The report', 2);
  const m = input.report.metadata;
  field('Received', input.report.createdAt);
  field('Category', input.categoryLabel);
  field('Platform', `${m.platform}${m.channel ? ` (${m.channel})` : ''}`);
  field('Age band of the person harmed', m.ageBand);
  field('Reported by', m.role);
  const flags = Object.entries(m.flags)
    .filter(([, on]) => on)
    .map(([flag]) => flag);
  field('Urgency flags', flags.length ? flags.join(', ') : 'none');
  field('Status at export', input.statusLabel);
  heading('What the reporter wrote', 2);
  para(input.report.description.trim() || '(no text)');
  if (input.report.links.length) {
    heading('Links the reporter gave', 2);
    for (const link of input.report.links) para(link);
  }

  heading('Evidence items', 2);
  if (!input.items.length) para('No evidence items.');
  for (const [i, item] of input.items.entries()) {
    doc.moveDown(0.4);
    doc.font('bold').fontSize(11);
    doc.text(`${i + 1}. ${item.name ?? item.id}`, { structParent: root, structType: 'P' });
    field('Item id', item.id);
    field('Type and size', `${item.mediaType}, ${item.size} bytes`);
    field('Captured on the device', item.capturedAt);
    field('SHA-256', item.sha256);
    field(
      'Integrity',
      item.intact
        ? 'intact: matches the device hash and the server receipt'
        : 'NOT INTACT: does not match the device hash or the server receipt',
    );
    if (item.jpeg && isJpeg(item.jpeg)) {
      const image = item.jpeg;
      const alt = `Evidence image ${i + 1}: ${item.name ?? item.id}, as submitted by the reporter`;
      try {
        if (doc.y > doc.page.height - 260) doc.addPage();
        root.add(doc.struct('Figure', { alt }, () => doc.image(image, { fit: [240, 200] })));
        doc.moveDown(0.5);
      } catch {
        para('(The image could not be drawn here; the file is in the items/ folder.)');
      }
    }
  }

  heading('Server receipt', 2);
  if (input.receipt) {
    field('Received by the server', input.receipt.receivedAt);
    field('Server signature', input.receipt.signatureValid ? 'valid' : 'NOT VALID');
    field('Server public key (Ed25519)', input.receipt.serverPublicKey);
  } else {
    para('No server receipt.');
  }

  heading('Audit trail for this case', 2);
  para('Every view, export, message and status change is in the helpline’s hash-chained audit log.', 9);
  for (const r of input.audit) para(`#${r.seq}  ${r.at}  ${r.action}  ${r.actor}`, 9);

  root.end();
  doc.end();
  return done;
}
