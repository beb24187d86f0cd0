/**
 * The pack pages' Markdown (docs/adapting-a-country.md section 7) as a small tree the apps build elements
 * from. A subset on purpose: headings (#, ##, ###), paragraphs, bullet and numbered lists, **bold**,
 * *italic* and links. Raw HTML is never markup here: `<script>` stays the text "<script>". A link whose
 * address is not https:, tel:, sms: or mailto: keeps its words and loses the link, and is listed in
 * `refused` so `pack check` can name it.
 */
export type MdInline =
  | { type: 'text'; text: string }
  | { type: 'strong'; children: MdInline[] }
  | { type: 'em'; children: MdInline[] }
  | { type: 'link'; href: string; children: MdInline[] };

export type MdBlock =
  | { type: 'heading'; level: 1 | 2 | 3; children: MdInline[] }
  | { type: 'paragraph'; children: MdInline[] }
  | { type: 'list'; ordered: boolean; items: MdInline[][] };

export type MdDocument = { blocks: MdBlock[]; refused: string[] };

/** Nested bold/italic/links deeper than this are text: real pages never go there, hostile input might. */
const MAX_DEPTH = 4;

const HEADING = /^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$/;
const BULLET = /^[ \t]{0,3}[-*+][ \t]+(.*)$/;
const NUMBERED = /^[ \t]{0,3}\d{1,9}[.)][ \t]+(.*)$/;

/** The addresses a page may link to; anything else (javascript:, data:, http:, a path) is refused. */
export function isSafeHref(href: string): boolean {
  if (/^https:\/\//i.test(href)) {
    try {
      return new URL(href).protocol === 'https:' && !/[\s<>"'`]/.test(href);
    } catch {
      return false;
    }
  }
  if (/^(tel|sms):\+?[0-9][0-9 ().-]{0,30}$/i.test(href)) return true;
  return /^mailto:[^\s<>"'`@/:]+@[a-z0-9.-]+\.[a-z]{2,}$/i.test(href);
}

export function parseMarkdown(source: string): MdDocument {
  const refused: string[] = [];
  const blocks: MdBlock[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;

  const endParagraph = () => {
    if (paragraph.length > 0)
      blocks.push({ type: 'paragraph', children: inline(paragraph.join(' '), 0, refused) });
    paragraph = [];
  };
  const endList = () => {
    if (list)
      blocks.push({
        type: 'list',
        ordered: list.ordered,
        items: list.items.map((item) => inline(item, 0, refused)),
      });
    list = null;
  };

  for (const raw of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.replace(/^>[ \t]?/, '');
    if (line.trim() === '') {
      endParagraph();
      endList();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      endParagraph();
      endList();
      const level = Math.min(heading[1]?.length ?? 1, 3) as 1 | 2 | 3;
      blocks.push({ type: 'heading', level, children: inline(heading[2] ?? '', 0, refused) });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const item = bullet ?? numbered;
    if (item) {
      endParagraph();
      const ordered = numbered !== null;
      if (list && list.ordered !== ordered) endList();
      list ??= { ordered, items: [] };
      list.items.push(item[1] ?? '');
      continue;
    }
    if (list) {
      // A following line of the same item (lazy continuation).
      list.items[list.items.length - 1] += ` ${line.trim()}`;
      continue;
    }
    paragraph.push(line.trim());
  }
  endParagraph();
  endList();
  return { blocks, refused };
}

const ESCAPABLE = /[\\`*_{}[\]()#+\-.!>]/;
const WORD = /[\p{L}\p{N}]/u;

function inline(source: string, depth: number, refused: string[]): MdInline[] {
  const out: MdInline[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ type: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    const next = source[i + 1];
    if (c === '\\' && next !== undefined && ESCAPABLE.test(next)) {
      text += next;
      i += 2;
      continue;
    }
    if ((c === '*' || c === '_') && depth < MAX_DEPTH) {
      const delim = next === c ? c + c : c;
      const start = i + delim.length;
      const opens =
        start < source.length &&
        !/\s/.test(source[start] as string) &&
        !(c === '_' && i > 0 && WORD.test(source[i - 1] as string));
      const close = opens ? findClose(source, delim, start) : -1;
      if (close > start) {
        flush();
        out.push({
          type: delim.length === 2 ? 'strong' : 'em',
          children: inline(source.slice(start, close), depth + 1, refused),
        });
        i = close + delim.length;
        continue;
      }
      text += delim;
      i = start;
      continue;
    }
    if (c === '[' && depth < MAX_DEPTH) {
      const end = matchingBracket(source, i, '[', ']');
      const paren = end > 0 && source[end + 1] === '(' ? matchingBracket(source, end + 1, '(', ')') : -1;
      if (paren > 0) {
        const href = source.slice(end + 2, paren).trim();
        const children = inline(source.slice(i + 1, end), depth + 1, refused);
        flush();
        if (isSafeHref(href)) out.push({ type: 'link', href, children });
        else {
          refused.push(href);
          out.push(...children);
        }
        i = paren + 1;
        continue;
      }
    }
    text += c;
    i++;
  }
  flush();
  return merge(out);
}

/** The closing delimiter: not after a space, and for `*` not half of a `**`. */
function findClose(source: string, delim: string, from: number): number {
  let j = source.indexOf(delim, from);
  while (j >= 0) {
    const before = source[j - 1] as string;
    const doubled = delim.length === 1 && (source[j + 1] === delim || before === delim);
    if (!/\s/.test(before) && !doubled) return j;
    j = source.indexOf(delim, j + (doubled ? 2 : 1));
  }
  return -1;
}

/** The bracket closing the one at `open`, counting nested pairs (a link address may hold "(1)"). */
function matchingBracket(source: string, open: number, opening: string, closing: string): number {
  let depth = 0;
  for (let j = open; j < source.length; j++) {
    if (source[j] === '\\') j++;
    else if (source[j] === opening) depth++;
    else if (source[j] === closing && --depth === 0) return j;
  }
  return -1;
}

/** Neighbouring text nodes as one, so "a" "*" "b" reads as "a*b". */
function merge(nodes: MdInline[]): MdInline[] {
  const out: MdInline[] = [];
  for (const node of nodes) {
    const last = out[out.length - 1];
    if (node.type === 'text' && last?.type === 'text') last.text += node.text;
    else out.push(node);
  }
  return out;
}

/** The words of a run of inline nodes, e.g. for a heading's accessible name or a search. */
export function inlineText(nodes: readonly MdInline[]): string {
  return nodes.map((n) => (n.type === 'text' ? n.text : inlineText(n.children))).join('');
}
