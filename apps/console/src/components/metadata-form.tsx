import { CATEGORY_CODES, type CategoryCode, type ReportMetadata, URGENCY_FLAGS } from '@vangnet/core';
import { useState } from 'preact/hooks';
import { ApiError, postJson } from '../lib/api.ts';
import { errorText, text } from '../lib/text.ts';

/** Correct the clear category and urgency flags; the server records old and new values in the audit log. */
export function MetadataForm(props: { caseId: string; metadata: ReportMetadata; onChanged: () => void }) {
  const [category, setCategory] = useState<CategoryCode>(props.metadata.category);
  const [flags, setFlags] = useState(props.metadata.flags);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const changed =
    category !== props.metadata.category || URGENCY_FLAGS.some((f) => flags[f] !== props.metadata.flags[f]);

  async function submit(event: Event) {
    event.preventDefault();
    setError(null);
    try {
      await postJson(`/staff/cases/${props.caseId}/metadata`, { category, flags });
      setSaved(true);
      props.onChanged();
    } catch (e) {
      setError(errorText(e instanceof ApiError ? e.code : 'general'));
    }
  }

  return (
    <form onSubmit={submit} class="stack" aria-labelledby="meta-h">
      <h2 id="meta-h">{text.case.metadata}</h2>
      <label for="meta-category">{text.queue.category}</label>
      <select
        id="meta-category"
        value={category}
        onChange={(e) => {
          setCategory(e.currentTarget.value as CategoryCode);
          setSaved(false);
        }}
      >
        {CATEGORY_CODES.map((c) => (
          <option key={c} value={c}>
            {text.categories[c]}
          </option>
        ))}
      </select>
      <fieldset>
        <legend>{text.case.flags}</legend>
        {URGENCY_FLAGS.map((f) => (
          <label key={f} class="check">
            <input
              type="checkbox"
              checked={flags[f]}
              onChange={(e) => {
                setFlags({ ...flags, [f]: e.currentTarget.checked });
                setSaved(false);
              }}
            />{' '}
            {text.flags[f]}
          </label>
        ))}
      </fieldset>
      <p class="muted">
        {text.queue.platform}: {props.metadata.platform} · {text.queue.ageBand}: {props.metadata.ageBand}
      </p>
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
      {saved && <p role="status">{text.case.saved}</p>}
      <button type="submit" disabled={!changed}>
        {text.case.correct}
      </button>
    </form>
  );
}
