import { useState } from 'preact/hooks';
import { ApiError, putJson } from '../lib/api.ts';
import { currentSession, updateWorker } from '../lib/session.ts';
import { errorText, text } from '../lib/text.ts';
import type { Worker } from '../lib/types.ts';

/**
 * The name the signed-in worker signs standard replies with. Each worker sets their own; until then
 * the console uses the first part of their e-mail address. Shown where the replies are, since that is
 * where the name is read.
 */
export function DisplayNameForm({ current }: { current: string }) {
  const [name, setName] = useState(current);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  async function save(event: Event) {
    event.preventDefault();
    setError(null);
    setSaved(false);
    try {
      const r = await putJson<{ worker: Worker }>('/staff/me/display-name', { displayName: name.trim() });
      if (currentSession()) updateWorker(r.worker);
      setSaved(true);
    } catch (e) {
      setError(errorText(e instanceof ApiError ? e.code : 'general'));
    }
  }

  return (
    <details class="display-name">
      <summary>
        {text.profile.displayName}: <strong>{current}</strong>
      </summary>
      <form onSubmit={save} class="row">
        <label for="display-name">{text.profile.displayName}</label>
        <input
          id="display-name"
          value={name}
          maxLength={60}
          autoComplete="given-name"
          aria-describedby="display-name-hint"
          onInput={(e) => {
            setName(e.currentTarget.value);
            setSaved(false);
          }}
        />
        <button type="submit" disabled={!name.trim()}>
          {text.profile.save}
        </button>
      </form>
      <p id="display-name-hint" class="muted">
        {text.profile.displayNameHint}
      </p>
      {saved && <p role="status">{text.profile.saved}</p>}
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
    </details>
  );
}
