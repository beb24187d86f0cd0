import { useEffect } from 'preact/hooks';
import { warmVaultWorker } from './vault-kdf.ts';

/**
 * A PIN or passphrase field. Enter acts on this field, not on the step's "Next". Showing one starts the
 * vault worker, so its code has loaded by the time the PIN is typed.
 */
export function PinField(props: {
  id: string;
  label: string;
  value: string;
  autocomplete: string;
  onInput: (value: string) => void;
  onEnter: () => void;
}) {
  useEffect(warmVaultWorker, []);
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="password"
        autocomplete={props.autocomplete}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            props.onEnter();
          }
        }}
      />
    </div>
  );
}
