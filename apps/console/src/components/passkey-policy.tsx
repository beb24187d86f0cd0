import { useEffect, useState } from 'preact/hooks';
import { ApiError, getJson, putJson } from '../lib/api.ts';
import { errorText, text } from '../lib/text.ts';

type PolicyWorker = {
  id: string;
  email: string;
  role: string;
  disabled: boolean;
  required: boolean;
  passkeys: number;
};
type Policy = { helplineRequired: boolean; workers: PolicyWorker[] };

/**
 * For administrators (`worker.manage`): require passkeys for the whole helpline or per worker. Each
 * change is saved at once and audited by the server.
 */
export function PasskeyPolicy() {
  const t = text.passkeys;
  const [policy, setPolicy] = useState<Policy | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function load() {
    setPolicy(await getJson<Policy>('/staff/passkey-policy'));
  }
  useEffect(() => {
    void load().catch((e) => setError(errorText(e instanceof ApiError ? e.code : 'general')));
  }, []);

  async function save(path: string, required: boolean) {
    setError(null);
    setStatus('');
    try {
      await putJson(path, { required });
      await load();
      setStatus(t.ruleSaved);
    } catch (e) {
      setError(errorText(e instanceof ApiError ? e.code : 'general'));
    }
  }

  if (!policy) return null;
  return (
    <section class="stack" aria-labelledby="passkey-rule">
      <h2 id="passkey-rule">{t.ruleTitle}</h2>
      <p class="muted">{t.ruleIntro}</p>
      <p role="status">{status}</p>
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <label class="check">
        <input
          type="checkbox"
          checked={policy.helplineRequired}
          onChange={(e) => void save('/staff/helpline/passkey-policy', e.currentTarget.checked)}
        />{' '}
        {t.ruleHelpline}
      </label>
      <table class="passkey-rule">
        <caption>{t.ruleWorkers}</caption>
        <thead>
          <tr>
            <th scope="col">{t.ruleWorker}</th>
            <th scope="col">{t.ruleRole}</th>
            <th scope="col">{t.rulePasskeys}</th>
            <th scope="col">{t.ruleRequired}</th>
          </tr>
        </thead>
        <tbody>
          {policy.workers
            .filter((w) => !w.disabled)
            .map((w) => (
              <tr key={w.id}>
                <th scope="row">{w.email}</th>
                <td>{w.role}</td>
                <td>{w.passkeys}</td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={t.ruleRequireFor(w.email)}
                    checked={w.required}
                    onChange={(e) =>
                      void save(
                        `/staff/workers/${encodeURIComponent(w.id)}/passkey-policy`,
                        e.currentTarget.checked,
                      )
                    }
                  />
                </td>
              </tr>
            ))}
        </tbody>
      </table>
    </section>
  );
}
