#!/usr/bin/env node
// Thin launcher. The CLI is TypeScript: Node 24 runs it directly (type stripping); on an older
// Node that cannot, it says so and names the fix instead of failing on the first type.
import { exitUnlessSupportedNode } from '../../server/bin/supported-node.mjs';

exitUnlessSupportedNode();
await import('../src/main.ts');
