/**
 * A pack page as plain paragraphs: front-matter and the `# Title` line dropped (the screen shows the title
 * itself), split on blank lines, with the Markdown marks (`#`, `-`, `*`, `**`) stripped from each line.
 * Preact escapes the text, so nothing in a page can become markup.
 */
// TODO(kc-engine): use the Markdown renderer
export function pagePlainText(markdown: string): string[] {
  const body = markdown.replace(/\r\n?/g, '\n').replace(/^---\n[\s\S]*?\n---(\n|$)/, '');
  return body
    .split(/\n\s*\n/)
    .map((block) =>
      block
        .split('\n')
        .filter((line) => !/^#\s/.test(line))
        .map((line) =>
          line
            .replace(/^\s*#{1,6}\s+/, '')
            .replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '')
            .replace(/\*\*|__|\*/g, '')
            .trim(),
        )
        .filter((line) => line.length > 0)
        .join(' '),
    )
    .filter((paragraph) => paragraph.length > 0);
}
