import type { PublicService } from '@vangnet/core/pack/public';
import { leadTimeMs } from '@vangnet/core/sla/lead-time';
import { formatLeadTime } from '../send/lead-time.ts';

/**
 * The follow-up timeline in plain words: "Helpwanted has read your report", "We passed your report to
 * Politie on 2 December. They confirmed on 3 December.", "They try to contact you within 3 days." The
 * server sends only event kinds, times and codes; names and lead times come from the pack, words from
 * the reporter's catalog, dates from Intl in the reporter's language. Pure, so it is table-tested.
 */
export type TimelineWords = {
  received: string;
  evidence: (count: number) => string;
  visible: (helpline: string) => string;
  read: (helpline: string) => string;
  /** The helpline sent a message (it is in the messages below). */
  replied: (helpline: string) => string;
  /** Per status a worker sets: contacted, in-progress, referred, closed. */
  status: Record<string, (helpline: string) => string>;
  handedOver: (service: string, date: string) => string;
  /** Follows `handedOver` in the same line once the partner confirmed. */
  confirmedOn: (date: string) => string;
  /** A confirmation without a hand-over on this timeline (should not happen; said plainly anyway). */
  confirmed: (service: string) => string;
  expect: (time: string) => string;
  /** The pack marks the lead time `unverified`: said as a hope, with "check with your code". */
  expectUnchecked: (time: string) => string;
  /** Per outcome code: accepted, declined, resolved, referred-on. */
  outcome: Record<string, (service: string) => string>;
  /** A platform answered the helpline's notice, per outcome: removed, restricted, no-action, other. */
  platformAnswered: Record<string, (platform: string) => string>;
  /** Any other event or status: said without details. */
  other: string;
};

export type TimelineEvent = { at: string; event: string; detail?: Record<string, string> };

export type TimelineLine = {
  /** Stable per line, for keys. */
  key: string;
  at: string;
  text: string;
  /** A sentence that is not a promise (an unverified lead time): shown with the check style. */
  unchecked?: string;
};

export type TimelineContext = {
  words: TimelineWords;
  lang: string;
  /** The pack's time zone, so "2 December" is the day it was there. */
  timeZone?: string;
  helplineName: string;
  services: readonly Pick<PublicService, 'id' | 'name' | 'leadTimes' | 'unverified'>[];
  /** The pack's platforms, to name the one that answered a notice. */
  platforms?: readonly { id: string; name: string }[];
};

export function describeTimeline(events: readonly TimelineEvent[], ctx: TimelineContext): TimelineLine[] {
  const { words, helplineName } = ctx;
  const day = new Intl.DateTimeFormat(ctx.lang, {
    day: 'numeric',
    month: 'long',
    ...(ctx.timeZone ? { timeZone: ctx.timeZone } : {}),
  });
  const dateOf = (at: string) => day.format(new Date(at));
  const service = (id: string | undefined) => ctx.services.find((s) => s.id === id);
  const first = (event: string, serviceId?: string) =>
    events.find((e) => e.event === event && (serviceId === undefined || e.detail?.serviceId === serviceId));
  const handedOver = new Set(events.filter((e) => e.event === 'handed-over').map((e) => e.detail?.serviceId));
  const lines: TimelineLine[] = [];
  const seen = new Set<string>();
  events.forEach((e, i) => {
    const key = `${i}-${e.event}`;
    const push = (text: string, unchecked?: string) =>
      lines.push({ key, at: e.at, text, ...(unchecked ? { unchecked } : {}) });
    switch (e.event) {
      case 'received':
        if (!seen.has('received')) push(words.received);
        break;
      case 'evidence-received':
        // One line for all items, at the time of the first.
        if (!seen.has('evidence-received'))
          push(words.evidence(events.filter((x) => x.event === 'evidence-received').length));
        break;
      case 'visible':
        if (!seen.has('visible')) push(words.visible(helplineName));
        break;
      case 'helpline-read':
        if (!seen.has('helpline-read')) push(words.read(helplineName));
        break;
      case 'helpline-replied':
        push(words.replied(helplineName));
        break;
      case 'status-changed': {
        const status = e.detail?.status ?? '';
        // "Passed on" is said with the organisation's name once the hand-over happened.
        if (status === 'referred' && handedOver.size > 0) break;
        push((words.status[status] ?? (() => words.other))(helplineName));
        break;
      }
      case 'handed-over': {
        const id = e.detail?.serviceId;
        if (seen.has(`handed-over:${id}`)) break;
        const confirmed = first('partner-confirmed', id);
        const outcome = first('partner-outcome', id);
        const s = service(id);
        // A service this pack no longer has: said without a name.
        if (!s) {
          push(words.status.referred?.(helplineName) ?? words.other);
          break;
        }
        const text = words.handedOver(s.name, dateOf(e.at));
        const full = confirmed ? `${text} ${words.confirmedOn(dateOf(confirmed.at))}` : text;
        // What to expect, until the organisation reported an outcome; an unagreed time is not a promise.
        if (!outcome && leadTimeMs(s.leadTimes.firstContact) > 0) {
          const time = formatLeadTime(s.leadTimes.firstContact, ctx.lang);
          if (s.unverified?.includes('leadTimes')) push(full, words.expectUnchecked(time));
          else push(`${full} ${words.expect(time)}`);
        } else push(full);
        seen.add(`handed-over:${id}`);
        break;
      }
      case 'partner-confirmed': {
        const s = service(e.detail?.serviceId);
        if (!handedOver.has(e.detail?.serviceId)) push(s ? words.confirmed(s.name) : words.other);
        break;
      }
      case 'partner-outcome': {
        const say = words.outcome[e.detail?.outcome ?? ''];
        const s = service(e.detail?.serviceId);
        push(say && s ? say(s.name) : words.other);
        break;
      }
      case 'platform-answered': {
        // `other` is the pack's catch-all platform: it has no name a child would know.
        const platform = ctx.platforms?.find((p) => p.id === e.detail?.platform && p.id !== 'other');
        const say = words.platformAnswered[e.detail?.outcome ?? ''];
        push(say && platform ? say(platform.name) : words.other);
        break;
      }
      default:
        // An event this version of the app does not know yet: no raw id on screen.
        push(words.other);
    }
    seen.add(e.event);
  });
  return lines;
}
