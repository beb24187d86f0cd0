// Plain JavaScript on purpose: this must run, and refuse clearly, on a Node.js that cannot load
// the TypeScript the server is written in.
import { readFileSync } from 'node:fs';

const rootPackage = new URL('../../../package.json', import.meta.url);

/** The lowest Node.js major the project supports, from the root package.json's `engines.node`. */
export function minimumNodeMajor(engines = JSON.parse(readFileSync(rootPackage, 'utf8')).engines?.node) {
  const match = /^>=\s*(\d+)/.exec(String(engines ?? ''));
  if (!match)
    throw new Error(`package.json engines.node should read ">=<major>", not ${JSON.stringify(engines)}`);
  return Number(match[1]);
}

/**
 * Why `version` (as in `process.version`) cannot run Vangnet, naming the fix; undefined when it can.
 * Node 20 reached end of life on 30 April 2026: no security fixes for a service that holds
 * children's reports.
 */
export function nodeVersionProblem(version, minimumMajor = minimumNodeMajor()) {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1]);
  if (Number.isFinite(major) && major >= minimumMajor) return undefined;
  return (
    `Vangnet needs Node.js ${minimumMajor} or newer; this is Node.js ${version}. ` +
    `Run it through npm (\`npm install\` puts Node.js ${minimumMajor} in node_modules/.bin, ` +
    'and `npm start`, `npm test` and `npx vangnet` use it), or install Node.js ' +
    `${minimumMajor} LTS.`
  );
}

/** For the launchers: on an unsupported Node.js, print why and the fix, and exit 3 before any TypeScript loads. */
export function exitUnlessSupportedNode() {
  const problem = nodeVersionProblem(process.version);
  if (!problem) return;
  console.error(problem);
  process.exit(3);
}
