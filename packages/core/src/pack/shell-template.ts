import { BRAND_ELEMENT_ID } from './brand-view.ts';
import { SHELL_CRISIS_ELEMENT_ID } from './shell-crisis.ts';

const CRISIS_BLOCK = new RegExp(
  ` {4}<script type="application/json" id="${SHELL_CRISIS_ELEMENT_ID}">[^<]*</script>\\n {2}</head>`,
);

const BRAND_BLOCK = new RegExp(
  ` {4}<script type="application/json" id="${BRAND_ELEMENT_ID}">[^<]*</script>\\n {2}</head>`,
);

/**
 * The reporter app's index.html with the three places the server fills from the active pack emptied
 * again (apps/server/src/http/app-shell.ts: the page language, the no-script crisis numbers, the inert
 * JSON block of crisis lines, and the pack's brand block both apps get). The built template and every page the server makes from it give the
 * same text, so one hash in the signed build list covers the page a phone gets, whatever the pack says.
 * Anything else changed — a script added, an integrity attribute dropped — changes that text.
 * The JSON block holds no `<` (the server escapes it), so `[^<]*` cannot reach past its end.
 */
export function shellTemplate(html: string): string {
  return html
    .replace(/<html lang="[^"]*"/, '<html lang=""')
    .replace(/<noscript>[\s\S]*?<\/noscript>/, '<noscript></noscript>')
    .replace(CRISIS_BLOCK, '</head>')
    .replace(BRAND_BLOCK, '</head>');
}
