#!/usr/bin/env node
// The container's HEALTHCHECK: exits 0 when every path given answers 2xx on the local server
// (default /healthz and /readyz), 1 otherwise. Plain JavaScript, no dependencies, a 4 s budget.
const port = process.env.PORT || '8080';
const paths = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['/healthz', '/readyz'];
try {
  for (const path of paths) {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(4000) });
    if (!response.ok) process.exit(1);
  }
  process.exit(0);
} catch {
  process.exit(1);
}
