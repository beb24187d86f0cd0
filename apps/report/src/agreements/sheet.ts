import { AGREEMENT_TOPICS } from '@vangnet/core/pack/agreement-topics';
import type { SavedAgreements } from './agreements-store.ts';
import type { PdfBlock } from './one-page-pdf.ts';

export interface SheetWords {
  title: string;
  topics: Record<string, string>;
  ageLine: (age: string) => string;
  ages: Record<string, string>;
  madeOn: (date: string) => string;
}

/** The one page: title, the child's age, each topic with what was picked, and the date. Empty topics are left out. */
export function sheetBlocks(value: SavedAgreements, words: SheetWords, date: string): PdfBlock[] {
  const blocks: PdfBlock[] = [{ kind: 'title', text: words.title }];
  if (value.band) blocks.push({ kind: 'text', text: words.ageLine(words.ages[value.band] ?? value.band) });
  for (const topic of AGREEMENT_TOPICS) {
    const picked = value.picked[topic];
    if (picked.length === 0) continue;
    blocks.push({ kind: 'heading', text: words.topics[topic] ?? topic });
    for (const text of picked) blocks.push({ kind: 'item', text });
  }
  blocks.push({ kind: 'text', text: words.madeOn(date) });
  return blocks;
}
