#!/usr/bin/env node
// The server's entry point (`npm start` runs it). It checks the Node.js version before loading any
// TypeScript, which Node 24 runs directly by stripping the types (no compile step at start).
import { exitUnlessSupportedNode } from './supported-node.mjs';

exitUnlessSupportedNode();
await import('../src/main.ts');
