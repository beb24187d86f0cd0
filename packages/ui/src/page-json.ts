/**
 * Inert JSON the server wrote into the page (`<script type="application/json" id="…">`, e.g. the crisis
 * lines and the brand, apps/server/src/http/app-shell.ts), if present, parseable and `valid`; else null.
 * A damaged or missing block is never an error: each caller has its own fallback.
 */
export function readPageJson<T>(id: string, valid: (value: T) => boolean): T | null {
  const element = typeof document === 'undefined' ? null : document.getElementById(id);
  if (!element?.textContent) return null;
  try {
    const parsed = JSON.parse(element.textContent) as T;
    return parsed && valid(parsed) ? parsed : null;
  } catch {
    return null;
  }
}
