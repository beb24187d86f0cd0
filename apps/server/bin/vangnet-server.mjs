#!/usr/bin/env node
// The server's entry point (`npm start` runs it). It checks the Node.js version first, then runs the
// compiled server (apps/server/dist/main.mjs, see server-build.mjs) when it is up to date with the
// sources; otherwise, as in a checkout being edited, it runs the TypeScript directly (type stripping).
import { bundleFile, serverBuildIsFresh } from './server-build.mjs';
import { exitUnlessSupportedNode } from './supported-node.mjs';

exitUnlessSupportedNode();
if (process.env.VANGNET_SERVER_FROM_SOURCE !== '1' && serverBuildIsFresh()) await import(bundleFile);
else await import('../src/main.ts');
