import { type MdBlock, type MdInline, parseMarkdown } from '@vangnet/core/markdown/parse';
import type { ComponentChildren } from 'preact';

/**
 * A pack page as Preact elements, from the parsed tree: text is always text (no innerHTML), links are
 * the ones the parser allowed (https:, tel:, sms:, mailto:). The page's `# Title` is the screen's title,
 * so the first level-1 heading is left out; other headings sit one level below it.
 */
export function Markdown({ source }: { source: string }) {
  const { blocks } = parseMarkdown(source);
  const firstTitle = blocks.findIndex((b) => b.type === 'heading' && b.level === 1);
  return <div class="kc-body">{blocks.map((b, i) => (i === firstTitle ? null : block(b, i)))}</div>;
}

function block(b: MdBlock, key: number) {
  switch (b.type) {
    case 'heading':
      return b.level === 3 ? (
        <h3 key={key}>{inlines(b.children)}</h3>
      ) : (
        <h2 key={key}>{inlines(b.children)}</h2>
      );
    case 'paragraph':
      return <p key={key}>{inlines(b.children)}</p>;
    case 'list': {
      const items = b.items.map((item, i) => <li key={i}>{inlines(item)}</li>);
      return b.ordered ? <ol key={key}>{items}</ol> : <ul key={key}>{items}</ul>;
    }
  }
}

function inlines(nodes: readonly MdInline[]): ComponentChildren {
  return nodes.map((n, i) => {
    if (n.type === 'text') return n.text;
    if (n.type === 'strong') return <strong key={i}>{inlines(n.children)}</strong>;
    if (n.type === 'em') return <em key={i}>{inlines(n.children)}</em>;
    // A web page opens beside the app, so leaving it does not lose the reader's place here.
    return n.href.startsWith('https:') ? (
      <a key={i} href={n.href} target="_blank" rel="noopener noreferrer">
        {inlines(n.children)}
      </a>
    ) : (
      <a key={i} href={n.href}>
        {inlines(n.children)}
      </a>
    );
  });
}
