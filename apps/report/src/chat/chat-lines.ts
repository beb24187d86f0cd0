/** One line of the conversation as the child's screen shows it. */
export type ChatLine = {
  clientId: string;
  /** The server's order; null while the message is still on its way. */
  seq: number | null;
  author: 'child' | 'counsellor';
  /** null: it could not be opened. */
  text: string | null;
  /** Local order of lines not yet numbered by the server. */
  local: number;
  /** A photo shared from the vault (the text is then empty). */
  photo?: boolean;
  /** This phone's own view of a photo it shared: a blob: URL, dropped with the chat. */
  photoUrl?: string;
};

/**
 * Adds or updates a line, keyed by its client id: a message the server echoes back (or sends again
 * after a reconnect) updates the line it already is, so nothing shows twice. Server-numbered lines
 * come first in server order, then the ones still on their way, in the order they were written.
 */
export function mergeLine(lines: readonly ChatLine[], line: ChatLine): ChatLine[] {
  const existing = lines.find((l) => l.clientId === line.clientId);
  const next = existing
    ? lines.map((l) =>
        l.clientId === line.clientId ? { ...l, seq: line.seq ?? l.seq, text: l.text ?? line.text } : l,
      )
    : [...lines, line];
  return next.sort((a, b) => {
    if (a.seq !== null && b.seq !== null) return a.seq - b.seq;
    if (a.seq !== null) return -1;
    if (b.seq !== null) return 1;
    return a.local - b.local;
  });
}

/** The words of the transcript, in the child's language. */
export type TranscriptWords = { you: string; helpline: string; photo: string; unreadable: string };

/** The conversation as plain text, one line per message in the server's order. Pure. */
export function transcriptText(title: string, lines: readonly ChatLine[], words: TranscriptWords): string {
  const body = lines.map((line) => {
    const who = line.author === 'child' ? words.you : words.helpline;
    const what = line.photo ? `[${words.photo}]` : (line.text ?? `[${words.unreadable}]`);
    return `${who}: ${what}`;
  });
  return [title, '', ...body, ''].join('\n');
}
