import { fileURLToPath } from 'node:url';

/** Where `vite build` puts the console; apps/server serves this folder at /console/. */
export const consoleDistDir = fileURLToPath(new URL('../dist', import.meta.url));
