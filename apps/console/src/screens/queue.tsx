import { AGE_BANDS, CATEGORY_CODES } from '@vangnet/core';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { fetchAllCases, fetchChanges } from '../case/fetch-cases.ts';
import {
  buildQueue,
  formatTimeLeft,
  mergeChanges,
  NO_FILTERS,
  type QueueFilters,
  type QueueRow,
} from '../case/queue-model.ts';
import { ApiError, getJson, postJson } from '../lib/api.ts';
import { formatDateTime } from '../lib/format.ts';
import { useInstance } from '../lib/instance.ts';
import { subscribeLive } from '../lib/live-updates.ts';
import { hrefOf, navigate, onLinkClick } from '../lib/router.ts';
import { currentSession } from '../lib/session.ts';
import { errorText, text, textLanguage } from '../lib/text.ts';
import { assigneeId, assigneeLabel, type CaseSummary, type Reminder } from '../lib/types.ts';

/** Without live updates (the stream broke, or the server has none): ask for changes this often. */
const FALLBACK_POLL_MS = 10_000;
/** A whole reload now and then, as a safety net: live updates and polls normally ask only for what changed. */
const FULL_RELOAD_MS = 5 * 60_000;
/** Rows drawn above and below the visible part of the table. */
const OVERSCAN = 20;
/** Until rows were measured: one line of text and padding. */
const ROW_HEIGHT_GUESS = 38;

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
  const [scrollTop, setScrollTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(800);
  const rowHeight = useRef(ROW_HEIGHT_GUESS);
  const scroller = useRef<HTMLDivElement | null>(null);
  const body = useRef<HTMLTableSectionElement | null>(null);
  const pendingFocus = useRef<number | null>(null);
  const [selected, setSelected] = useState(0);
  const [announcement, setAnnouncement] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  const [live, setLive] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const known = useRef<Set<string> | null>(null);
  const links = useRef<(HTMLAnchorElement | null)[]>([]);
  const now = useNow(15_000);

  // The first load reads the whole queue (first page first); after that the server says when a case
  // changed (live updates) and the console asks only for what changed since the last look. Without the
  // stream it asks every few seconds instead; a whole reload now and then is the safety net.
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    let isLive = false;
    let running = false;
    let again = false;
    let changeCursor: string | null = null;
    let loadedAt = 0;
    // A new status filter is a new list: nothing in it is "new" to announce on its first load.
    known.current = null;
    async function reload() {
      const first = known.current === null;
      const list = await fetchAllCases(
        filters.status === 'closed' ? 'closed' : undefined,
        (soFar) => {
          // Only the first load shows partial pages; a later reload swaps the whole list at once.
          if (first && !stopped) {
            setCases(soFar);
            setLoadingMore(true);
          }
        },
        () => stopped,
      );
      if (stopped) return;
      changeCursor = list.changeCursor;
      loadedAt = Date.now();
      announceFresh(list.cases.filter((c) => c.status !== 'closed'));
      known.current = new Set(list.cases.map((c) => c.id));
      setCases(list.cases);
      setLoadingMore(false);
    }
    async function poll(since: string) {
      const changes = await fetchChanges(since);
      if (stopped) return;
      changeCursor = changes.changeCursor;
      if (changes.cases.length === 0) return;
      announceFresh(changes.cases.filter((c) => c.status !== 'closed'));
      for (const c of changes.cases) known.current?.add(c.id);
      setCases((list) => (list ? mergeChanges(list, changes.cases) : list));
    }
    function announceFresh(candidates: CaseSummary[]) {
      if (!known.current) return;
      const fresh = candidates.filter((c) => !known.current!.has(c.id)).length;
      if (fresh > 0) setAnnouncement(text.queue.newCases(fresh));
    }
    async function load() {
      try {
        if (changeCursor === null || Date.now() - loadedAt > FULL_RELOAD_MS) await reload();
        else await poll(changeCursor);
        if (stopped) return;
        // Reminders sent to this worker (also by e-mail); a failure here leaves the queue as it is.
        try {
          const answer: { reminders: Reminder[] } = await getJson('/staff/reminders');
          if (!stopped) setReminders(answer.reminders);
        } catch {
          // The queue itself still shows every case's countdown.
        }
        setUpdatedAt(new Date());
        setError(null);
      } catch (e) {
        if (!stopped) setError(errorText(e instanceof ApiError ? e.code : 'general'));
      }
    }
    /** One load at a time: news that arrives during one makes one more afterwards, not a second in parallel. */
    async function run() {
      if (running) {
        again = true;
        return;
      }
      running = true;
      clearTimeout(timer);
      let took = 0;
      try {
        do {
          again = false;
          const started = Date.now();
          await load();
          took = Date.now() - started;
        } while (again && !stopped);
      } finally {
        running = false;
      }
      // A very long load is followed by a longer pause, so polling never hogs the server.
      if (!stopped) timer = setTimeout(run, isLive ? FULL_RELOAD_MS : Math.max(FALLBACK_POLL_MS, took * 10));
    }
    void run();
    const unsubscribe = subscribeLive({
      // A message alone changes nothing in the queue; the reporter's ones also change their case.
      onChange: (change) => {
        if (change.kind !== 'message') void run();
      },
      onLive: (value) => {
        isLive = value;
        setLive(value);
        if (!value && !running && !stopped) {
          clearTimeout(timer);
          timer = setTimeout(run, FALLBACK_POLL_MS);
        }
      },
    });
    return () => {
      stopped = true;
      clearTimeout(timer);
      unsubscribe();
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
  // Only the rows in view (and a few around them) are drawn: a long queue costs no more to show than a
  // short one. The table stays one real table: aria-rowcount and aria-rowindex give its full size.
  const first = Math.max(0, Math.floor(scrollTop / rowHeight.current) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + viewHeight) / rowHeight.current) + OVERSCAN);
  const visible = rows.slice(first, last);

  useLayoutEffect(() => {
    const drawn = body.current?.rows.length ?? 0;
    if (drawn > 0 && body.current) rowHeight.current = body.current.offsetHeight / drawn;
    if (scroller.current) setViewHeight(scroller.current.clientHeight || 800);
    if (pendingFocus.current !== null) {
      links.current[pendingFocus.current]?.focus({ preventScroll: true });
      pendingFocus.current = null;
    }
  });

  function setFilter<K extends keyof QueueFilters>(key: K, value: QueueFilters[K]) {
    setFilters((f) => ({ ...f, [key]: value }));
    setSelected(0);
    if (scroller.current) scroller.current.scrollTop = 0;
    setScrollTop(0);
  }

  /** Selects row i of the whole queue, scrolls it into view (drawing it) and focuses its link. */
  function focusRow(i: number) {
    const next = Math.max(0, Math.min(i, rows.length - 1));
    setSelected(next);
    const box = scroller.current;
    if (box) {
      const head = box.querySelector('thead')?.offsetHeight ?? 0;
      const top = head + next * rowHeight.current;
      if (top - head < box.scrollTop) box.scrollTop = top - head;
      else if (top + rowHeight.current > box.scrollTop + box.clientHeight)
        box.scrollTop = top + rowHeight.current - box.clientHeight;
      setScrollTop(box.scrollTop);
    }
    if (next >= first && next < last) links.current[next]?.focus({ preventScroll: true });
    pendingFocus.current = next;
  }

  const selectedRow = rows[selected];

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
    else if (key === 'End') focusRow(rows.length - 1);
    else if (key === 't' && selectedRow) void take(selectedRow);
    else if (key === 'Enter' && target.tagName !== 'A' && target.tagName !== 'BUTTON' && selectedRow) {
      navigate({ name: 'case', id: selectedRow.id });
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
            <span class="muted" data-live={live ? 'on' : 'off'}>
              {' '}
              · {live ? text.queue.liveOn : text.queue.liveOff}
            </span>
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
        <div
          class="table-wrap queue-scroll"
          ref={scroller}
          onKeyDown={onKeyDown}
          onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        >
          {/* Room for the rows not drawn, so the scroll bar shows the whole queue. */}
          <div style={{ height: `${first * rowHeight.current}px` }} />
          <table class="cases" aria-describedby="queue-keys" aria-rowcount={rows.length + 1}>
            <caption class="visually-hidden">{text.queue.title}</caption>
            <thead>
              <tr aria-rowindex={1}>
                <th scope="col">{text.queue.timeLeft}</th>
                <th scope="col">{text.queue.category}</th>
                <th scope="col">{text.queue.platform}</th>
                <th scope="col">{text.queue.ageBand}</th>
                <th scope="col">{text.queue.status}</th>
                <th scope="col">{text.queue.received}</th>
                <th scope="col">{text.queue.assignee}</th>
              </tr>
            </thead>
            <tbody ref={body}>
              {visible.map((row, k) => {
                const i = first + k;
                return (
                  <Row
                    key={row.id}
                    row={row}
                    index={i}
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
                );
              })}
            </tbody>
          </table>
          <div style={{ height: `${(rows.length - last) * rowHeight.current}px` }} />
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
  /** Position in the whole queue (0-based); the header is row 1 for aria-rowindex. */
  index: number;
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
    <tr
      class={`${selected ? 'selected' : ''} ${left?.breached ? 'breached' : ''}`}
      data-case-id={row.id}
      aria-rowindex={props.index + 2}
    >
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
