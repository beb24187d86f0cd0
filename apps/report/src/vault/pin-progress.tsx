import { useEffect, useState } from 'preact/hooks';
import { expectedDerivationMs } from './vault-kdf.ts';

/**
 * A bar that moves while the PIN locks or opens the vault (seconds on a slow phone), so a child sees the
 * phone is working. The KDF cannot report how far it is, so the bar is paced by how long the last
 * derivation took on this phone and eases towards 95 %, never claiming to be done before it is. A native
 * <progress>: its role is progressbar and its value is read out (aria-valuenow).
 */
export function PinProgress({ label }: { label: string }) {
  const [value, setValue] = useState(0);
  useEffect(() => {
    const started = performance.now();
    const expected = expectedDerivationMs();
    const tick = setInterval(() => {
      const share = 1 - Math.exp((-2 * (performance.now() - started)) / expected);
      setValue(Math.round(95 * share));
    }, 200);
    return () => clearInterval(tick);
  }, []);
  return (
    <div class="field">
      <label for="pin-progress">{label}</label>
      <progress id="pin-progress" max={100} value={value} />
    </div>
  );
}
