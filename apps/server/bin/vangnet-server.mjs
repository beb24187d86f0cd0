#!/usr/bin/env node
// The server's entry point (`npm start` runs it). It checks the Node.js version before loading any
// TypeScript, which Node 24 runs directly by stripping the types (no compile step at start).
import { nodeVersionProblem } from './supported-node.mjs';

const problem = nodeVersionProblem(process.version);
if (problem) {
  console.error(problem);
  process.exit(3);
}
await import('../src/main.ts');
