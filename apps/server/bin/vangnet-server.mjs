#!/usr/bin/env node
// The server's entry point (`npm start` runs it). It checks the Node.js version first, then runs the
// compiled server (apps/server/dist/main.mjs, see server-build.mjs) when it is up to date with the
// sources; otherwise, as in a checkout being edited, it runs the TypeScript directly (type stripping).
// A namespace import: an old Node.js without enableCompileCache must still reach the version check.
import * as nodeModule from 'node:module';
import { bundleFile, serverBuildIsFresh } from './server-build.mjs';
import { exitUnlessSupportedNode } from './supported-node.mjs';

exitUnlessSupportedNode();
// V8 keeps the compiled code of every module loaded (in the system's temp folder), so a restart does
// not compile the same JavaScript again.
nodeModule.enableCompileCache?.();
if (process.env.VANGNET_SERVER_FROM_SOURCE !== '1' && serverBuildIsFresh()) await import(bundleFile);
else await import('../src/main.ts');
