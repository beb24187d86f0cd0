import { applyBrand, shellBrand } from '@vangnet/ui/brand';
import { render } from 'preact';
import { App } from './app.tsx';
import { guardAgainstBackAfterQuickExit } from './quick-exit.ts';
import '@vangnet/ui/base.css';
import './styles.css';

// The helpline's colours before the first paint (the brand block in the page, from the pack).
applyBrand(shellBrand());
if (guardAgainstBackAfterQuickExit()) render(<App />, document.getElementById('app')!);

// The service worker makes the start and crisis screens work offline. Registered after load so it
// never competes with the first screen for the network.
if ('serviceWorker' in navigator) {
  addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // Without a service worker the app still works online.
    });
  });
}
