import regularUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url';
import boldUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url';
import type { SummaryFonts } from './summary-pdf.ts';

/** The PDF's Unicode font, shipped with the console (same origin) and fetched only on export. */
export async function loadSummaryFonts(): Promise<SummaryFonts> {
  const get = async (url: string) => new Uint8Array(await (await fetch(url)).arrayBuffer());
  const [regular, bold] = await Promise.all([get(regularUrl), get(boldUrl)]);
  return { regular, bold };
}
