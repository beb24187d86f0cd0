import { AGE_BANDS, CATEGORY_CODES } from '@vangnet/core';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { fetchAllCases } from '../case/fetch-cases.ts';
import {
  buildQueue,
  formatTimeLeft,
  NO_FILTERS,
  type QueueFilters,
  type QueueRow,
} from '../case/queue-model.ts';
import { ApiError, getJson, postJson } from '../lib/api.ts';
import { formatDateTime } from '../lib/format.ts';
import { useInstance } from '../lib/instance.ts';
import { hrefOf, navigate, onLinkClick } from '../lib/router.ts';
import { currentSession } from '../lib/session.ts';
import { errorText, text, textLanguage } from '../lib/text.ts';
import { assigneeId, assigneeLabel, type CaseSummary, type Reminder } from '../lib/types.ts';

const SHOW_STEP = 100;
const POLL_MS = 5_000;

/** A clock for countdowns; 15 s is fine-grained enough for minute-level targets. */
function useNow(intervalMs: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

export function Queue() {
  const { pack } = useInstance();
  const me = currentSession()!.worker.id;
  const [cases, setCases] = useState<CaseSummary[] | null>(null);
  const [reminders, setReminders] = useState<Reminder[]>([]);
  const [filters, setFilters] = useState<QueueFilters>(NO_FILTERS);
  const [shown, setShown] = useState(SHOW_STEP);
  const [selected, setSelected] = useState(0);
  const [announcement, setAnnouncement] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const known = useRef<Set<string> | null>(null);
  const links = useRef<(HTMLAnchorElement | null)[]>([]);
  const now = useNow(15_000);

  // Poll for new cases: no reload, and a polite announcement for screen readers.
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    // A new status filter is a new list: nothing in it is "new" to announce on its first load.
    known.current = null;
    async function load() {
      const started = Date.now();
      try {
        const first = known.current === null;
        const list = await fetchAllCases(
          filters.status === 'closed' ? 'closed' : undefined,
          (soFar) => {
            // Only the first load shows partial pages; later polls swap the whole list at once.
            if (first && !stopped) {
              setCases(soFar);
              setLoadingMore(true);
            }
          },
          () => stopped,
        );
        if (stopped) return;
        // Reminders sent to this worker (also by e-mail); a failure here leaves the queue as it is.
        try {
          const answer: { reminders: Reminder[] } = await getJson('/staff/reminders');
          if (!stopped) setReminders(answer.reminders);
        } catch {
          // The queue itself still shows every case's countdown.
        }
        const ids = new Set(list.map((c) => c.id));
        if (known.current) {
          const fresh = list.filter((c) => !known.current!.has(c.id)).length;
          if (fresh > 0) setAnnouncement(text.queue.newCases(fresh));
        }
        known.current = ids;
        setCases(list);
        setLoadingMore(false);
        setUpdatedAt(new Date());
        setError(null);
      } catch (e) {
        if (!stopped) setError(errorText(e instanceof ApiError ? e.code : 'general'));
      }
      // A very long queue is fetched less often, so polling never hogs the server.
      if (!stopped) timer = setTimeout(load, Math.max(POLL_MS, (Date.now() - started) * 10));
    }
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [filters.status]);

  const rows = useMemo(() => (cases ? buildQueue(pack, cases, filters, me) : []), [cases, filters, pack, me]);
  const breached = useMemo(
    () => rows.filter((r) => r.deadline !== null && r.deadline < now).length,
    [rows, now],
  );
  const platforms = useMemo(
    () => [...new Set((cases ?? []).map((c) => c.metadata.platform))].sort(),
    [cases],
  );
  const visible = rows.slice(0, shown);

  function setFilter<K extends keyof QueueFilters>(key: K, value: QueueFilters[K]) {
    setFilters((f) => ({ ...f, [key]: value }));
    setSelected(0);
    setShown(SHOW_STEP);
  }

  function focusRow(i: number) {
    const next = Math.max(0, Math.min(i, visible.length - 1));
    setSelected(next);
    links.current[next]?.focus();
  }

  async function take(row: QueueRow) {
    try {
      await postJson(`/staff/cases/${row.id}/take`, {});
      setCases((list) => list?.map((c) => (c.id === row.id ? { ...c, assignee: me } : c)) ?? null);
      setAnnouncement(`${text.queue.taken}: ${text.categories[row.metadata.category]}`);
    } catch (e) {
      setError(errorText(e instanceof ApiError ? e.code : 'general'));
    }
  }

  function onKeyDown(event: KeyboardEvent) {
    const target = event.target as HTMLElement;
    if (target.tagName === 'SELECT' || target.tagName === 'INPUT') return;
    const key = event.key;
    if (key === 'j' || key === 'ArrowDown') focusRow(selected + 1);
    else if (key === 'k' || key === 'ArrowUp') focusRow(selected - 1);
    else if (key === 'Home') focusRow(0);
    else if (key === 'End') focusRow(visible.length - 1);
    else if (key === 't' && visible[selected]) void take(visible[selected]!);
    else if (key === 'Enter' && target.tagName !== 'A' && target.tagName !== 'BUTTON' && visible[selected]) {
      navigate({ name: 'case', id: visible[selected]!.id });
    } else return;
    event.preventDefault();
  }

  return (
    <main id="main" class="queue">
      <div class="queue-head">
        <h1>{text.queue.title}</h1>
        {cases && (
          <p class="count">
            {text.queue.count(rows.length, breached)}
            {loadingMore && <span class="muted"> · {text.queue.loadingMore}</span>}
            {updatedAt && (
              <span class="muted"> · {text.queue.updated(updatedAt.toLocaleTimeString(textLanguage))}</span>
            )}
          </p>
        )}
      </div>
      <p class="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {reminders.length > 0 && <Reminders reminders={reminders} />}
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <fieldset class="filters">
        <legend>{text.queue.filters}</legend>
        <FilterSelect
          id="f-status"
          label={text.queue.status}
          value={filters.status}
          onChange={(v) => setFilter('status', v as QueueFilters['status'])}
          options={Object.entries(text.statuses)
            .filter(([s]) => s !== 'awaiting-evidence')
            .map(([value, label]) => ({ value, label }))}
        />
        <FilterSelect
          id="f-category"
          label={text.queue.category}
          value={filters.category}
          onChange={(v) => setFilter('category', v)}
          options={CATEGORY_CODES.map((c) => ({ value: c, label: text.categories[c] }))}
        />
        <FilterSelect
          id="f-platform"
          label={text.queue.platform}
          value={filters.platform}
          onChange={(v) => setFilter('platform', v)}
          options={platforms.map((p) => ({ value: p, label: p }))}
        />
        <FilterSelect
          id="f-age"
          label={text.queue.ageBand}
          value={filters.ageBand}
          onChange={(v) => setFilter('ageBand', v)}
          options={AGE_BANDS.map((a) => ({ value: a, label: a }))}
        />
        <FilterSelect
          id="f-assignee"
          label={text.queue.assignee}
          value={filters.assignee}
          onChange={(v) => setFilter('assignee', v)}
          options={[
            { value: 'me', label: text.queue.me },
            { value: 'nobody', label: text.queue.unassigned },
          ]}
        />
      </fieldset>
      {pack.fallbackSla && <p class="muted">{text.queue.fallbackSla}</p>}
      <p class="muted keys" id="queue-keys">
        {text.queue.keyboardHelp}
      </p>
      {cases === null ? (
        <p aria-live="polite">…</p>
      ) : rows.length === 0 ? (
        <p>{text.queue.empty}</p>
      ) : (
        // biome-ignore lint/a11y/noStaticElementInteractions: key handling for the links and buttons inside
        <div class="table-wrap" onKeyDown={onKeyDown}>
          <table class="cases" aria-describedby="queue-keys">
            <caption class="visually-hidden">{text.queue.title}</caption>
            <thead>
              <tr>
                <th scope="col">{text.queue.timeLeft}</th>
                <th scope="col">{text.queue.category}</th>
                <th scope="col">{text.queue.platform}</th>
                <th scope="col">{text.queue.ageBand}</th>
                <th scope="col">{text.queue.status}</th>
                <th scope="col">{text.queue.received}</th>
                <th scope="col">{text.queue.assignee}</th>
              </tr>
            </thead>
            <tbody>
              {visible.map((row, i) => (
                <Row
                  key={row.id}
                  row={row}
                  reminded={reminders.some((r) => r.caseId === row.id)}
                  now={now}
                  me={me}
                  selected={i === selected}
                  linkRef={(el) => {
                    links.current[i] = el;
                  }}
                  onFocus={() => setSelected(i)}
                  onTake={() => take(row)}
                />
              ))}
            </tbody>
          </table>
          {rows.length > shown && (
            <button type="button" class="more" onClick={() => setShown((n) => n + SHOW_STEP)}>
              {text.queue.more(Math.min(SHOW_STEP, rows.length - shown))}
            </button>
          )}
        </div>
      )}
    </main>
  );
}

function Reminders({ reminders }: { reminders: Reminder[] }) {
  const { timeZone } = useInstance().pack.meta;
  return (
    <section class="reminders" aria-labelledby="reminders-h" data-testid="reminders">
      <h2 id="reminders-h">
        {text.contact.remindersTitle} ({reminders.length})
      </h2>
      <ul>
        {reminders.map((r) => (
          <li key={`${r.caseId}-${r.kind}-${r.step}`}>
            <strong>{text.contact.reminderStep[r.step]}</strong>:{' '}
            {r.kind === 'first-contact' ? text.contact.reminderFirstContact : text.contact.reminderPartner} (
            {text.contact.reminderTarget(formatDateTime(r.deadline, timeZone))}) ·{' '}
            <a
              href={hrefOf({ name: 'case', id: r.caseId })}
              onClick={onLinkClick({ name: 'case', id: r.caseId })}
            >
              {text.contact.openCase}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Row(props: {
  row: QueueRow;
  reminded: boolean;
  now: number;
  me: string;
  selected: boolean;
  linkRef: (el: HTMLAnchorElement | null) => void;
  onFocus: () => void;
  onTake: () => void;
}) {
  const { row, now, me, selected } = props;
  // The helpline's clock (the pack's time zone), whatever this machine's zone is.
  const { timeZone } = useInstance().pack.meta;
  const left = row.deadline === null ? null : formatTimeLeft(row.deadline - now);
  const who = assigneeId(row.assignee);
  const flags = Object.entries(row.metadata.flags)
    .filter(([, on]) => on)
    .map(([f]) => text.flags[f as keyof typeof text.flags]);
  return (
    <tr class={`${selected ? 'selected' : ''} ${left?.breached ? 'breached' : ''}`} data-case-id={row.id}>
      <td>
        {left ? (
          <span class={left.breached ? 'badge badge-bad' : 'countdown'}>
            {left.breached ? <strong>{left.text}</strong> : left.text}
          </span>
        ) : row.firstContactMet ? (
          <span class="badge badge-ok" data-testid="first-contact-met">
            {text.contact.met}
          </span>
        ) : (
          <span class="muted">—</span>
        )}
        {props.reminded && <span class="badge badge-urgent">{text.contact.reminderBadge}</span>}
        {row.urgent && <span class="badge badge-urgent">{text.queue.urgent}</span>}
      </td>
      <td>
        <a
          href={hrefOf({ name: 'case', id: row.id })}
          ref={props.linkRef}
          tabIndex={selected ? 0 : -1}
          onFocus={props.onFocus}
          onClick={onLinkClick({ name: 'case', id: row.id })}
        >
          {text.categories[row.metadata.category]}
        </a>
        {row.unread && (
          <span class="badge badge-unread" data-testid="unread">
            {text.contact.unread}
          </span>
        )}
        {flags.length > 0 && <span class="muted flags"> · {flags.join(', ')}</span>}
      </td>
      <td>{row.metadata.platform}</td>
      <td>{row.metadata.ageBand}</td>
      <td>{text.statuses[row.status]}</td>
      <td>
        <time dateTime={row.visibleAt ?? row.createdAt}>
          {formatDateTime(row.visibleAt ?? row.createdAt, timeZone)}
        </time>
      </td>
      <td>
        {who === me ? (
          text.queue.taken
        ) : who ? (
          assigneeLabel(row.assignee)
        ) : (
          <button type="button" class="small" tabIndex={selected ? 0 : -1} onClick={props.onTake}>
            {text.queue.take}
          </button>
        )}
      </td>
    </tr>
  );
}

function FilterSelect(props: {
  id: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
}) {
  return (
    <div class="filter">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        <option value="">{text.queue.all}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
