import { applyBrand, shellBrand } from '@vangnet/ui/brand';
import { render } from 'preact';
import { App } from './app.tsx';
import { getJson } from './lib/api.ts';
import { startConsoleLanguage } from './lib/language.ts';
import type { InstanceConfig } from './lib/types.ts';
import '@vangnet/ui/base.css';
import './styles.css';

// The helpline's colours before the first paint (the brand block the server wrote into the page).
applyBrand(shellBrand());

// The console speaks one of the active pack's languages from the first screen on (the sign-in
// screen included), so the public /config is read before the first render. Unreachable: English.
void getJson<InstanceConfig>('/config')
  .catch(() => ({ languages: ['en'], consoleCatalogs: [] }))
  .then((config) => startConsoleLanguage(config.languages, config.consoleCatalogs ?? []))
  .catch(() => undefined)
  .then(() => render(<App />, document.getElementById('app')!));
