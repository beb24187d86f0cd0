/**
 * What is wrong with a pack's logo for the apps: it must be plain SVG that draws itself, with no script,
 * no event handler and no link to anything outside (a child's phone makes no third-party request).
 */
export function logoProblems(svg: string): string[] {
  const problems: string[] = [];
  if (!/^\s*<svg[\s>]/i.test(svg) || !/<\/svg>\s*$/i.test(svg)) problems.push('not an <svg> element');
  if (!/viewBox=/i.test(svg)) problems.push('needs a viewBox, so it scales to any size');
  if (/<script|<foreignObject/i.test(svg)) problems.push('must not contain <script> or <foreignObject>');
  if (/\son[a-z]+\s*=/i.test(svg)) problems.push('must not contain event handlers (on…=)');
  if (/(?:href|src)\s*=\s*["']\s*(?!#)/i.test(svg) || /url\(\s*["']?\s*(?!#)/i.test(svg)) {
    problems.push('must not link to anything outside itself (only #fragment links)');
  }
  return problems;
}
