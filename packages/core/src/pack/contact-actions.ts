import type { CrisisLine, Link, Messenger, OpeningHours, Phone, Service } from './schema.ts';

/**
 * A channel's own opening hours, when the pack gives them and they are not already said for the whole
 * line. `unchecked`: nobody confirmed them (the channel or its hours are marked unverified), so the app
 * shows them with its "check before you call" note, never as fact.
 */
export type ContactHours = { open: OpeningHours; unchecked: boolean };

/**
 * One way to reach a service, as the apps offer it: every phone (call, text or both), the chat, each
 * messaging app, the e-mail address and the website, in that order, each with the link a phone opens.
 * `unchecked` carries the pack's `unverified` marks so the app can add its "check before" note; `hours`
 * the channel's opening hours and `free` that a phone costs nothing, so a child knows when to try and
 * that it will not show on the bill.
 */
export type ContactAction =
  | {
      kind: 'call' | 'text';
      href: string;
      shown: string;
      label?: string;
      unchecked: boolean;
      hours?: ContactHours;
      free: boolean;
      phone: Phone;
    }
  | { kind: 'chat'; href: string; shown: string; label?: string; unchecked: boolean; hours?: ContactHours }
  | { kind: 'web'; href: string; shown: string; label?: string; unchecked: boolean }
  | { kind: 'messenger'; app: Messenger['app']; href: string; unchecked: boolean; hours?: ContactHours }
  | { kind: 'email'; href: string; shown: string; unchecked: boolean };

/**
 * A service or a crisis line. `unverified` names the fields nobody confirmed (`phones`, `chat`, …, and
 * `hours` for every channel's hours). `hours` are the whole line's, said once above its channels: a
 * channel shows only hours of its own that differ from them.
 */
export type Contactable = Partial<Pick<Service, 'web' | 'messengers' | 'email' | 'unverified'>> &
  Pick<CrisisLine, 'phones'> & { chat?: Link | undefined; hours?: OpeningHours | undefined };

/** Digits and a leading + only: what `tel:` and `sms:` links take. */
function dialable(number: string): string {
  return number.replace(/[^\d+]/g, '');
}

/** The same opening hours, however the pack happened to order the days. */
export function sameHours(a: OpeningHours | undefined, b: OpeningHours | undefined): boolean {
  if (a === undefined || b === undefined || a === 'always' || b === 'always') return a === b;
  const key = (hours: Exclude<OpeningHours, 'always'>) =>
    hours
      .map((h) => `${[...h.days].sort().join(',')} ${h.open}-${h.close}`)
      .sort()
      .join(';');
  return key(a) === key(b);
}

export function contactActions(service: Contactable): ContactAction[] {
  const fields = Array.isArray(service.unverified) ? service.unverified : [];
  const hoursOf = (
    open: OpeningHours | undefined,
    channelUnchecked: boolean,
  ): { hours: ContactHours } | Record<string, never> =>
    open && !sameHours(open, service.hours)
      ? { hours: { open, unchecked: channelUnchecked || fields.includes('hours') } }
      : {};
  const actions: ContactAction[] = [];
  for (const phone of service.phones) {
    const shown = phone.display ?? phone.number;
    const unchecked = !!phone.unverified || fields.includes('phones');
    for (const way of phone.ways ?? ['call']) {
      actions.push({
        kind: way,
        href: `${way === 'call' ? 'tel' : 'sms'}:${dialable(phone.number)}`,
        shown,
        ...(phone.label ? { label: phone.label } : {}),
        unchecked,
        ...hoursOf(phone.hours, unchecked),
        free: !!phone.free,
        phone,
      });
    }
  }
  if (service.chat) {
    const unchecked = !!service.chat.unverified || fields.includes('chat');
    actions.push({
      kind: 'chat',
      href: service.chat.url,
      shown: new URL(service.chat.url).host,
      ...(service.chat.label ? { label: service.chat.label } : {}),
      unchecked,
      ...hoursOf(service.chat.hours, unchecked),
    });
  }
  for (const messenger of service.messengers ?? []) {
    const unchecked = !!messenger.unverified || fields.includes('messengers');
    actions.push({
      kind: 'messenger',
      app: messenger.app,
      href: messenger.url,
      unchecked,
      ...hoursOf(messenger.hours, unchecked),
    });
  }
  if (service.email) {
    actions.push({
      kind: 'email',
      href: `mailto:${service.email.address}`,
      shown: service.email.address,
      unchecked: !!service.email.unverified || fields.includes('email'),
    });
  }
  if (service.web) {
    actions.push({
      kind: 'web',
      href: service.web.url,
      shown: new URL(service.web.url).host,
      ...(service.web.label ? { label: service.web.label } : {}),
      unchecked: !!service.web.unverified || fields.includes('web'),
    });
  }
  return actions;
}

/**
 * A crisis line's channels (its phones and chat), with the line's hours said once above them. The chat
 * carries the note when the line's service lists `chat` as unverified; a line marked `unverified` covers
 * its hours, so a channel's own hours carry the note too. The line's phones are its own (crisis.yaml):
 * the service's `phones` mark does not reach them.
 */
export function crisisLineContacts(
  line: Pick<CrisisLine, 'phones' | 'chat' | 'hours' | 'unverified'>,
  service?: Pick<Service, 'unverified'>,
): Contactable {
  const unverified = [
    ...(service?.unverified?.includes('chat') ? ['chat'] : []),
    ...(line.unverified ? ['hours'] : []),
  ];
  return {
    phones: line.phones,
    ...(line.chat ? { chat: line.chat } : {}),
    ...(line.hours ? { hours: line.hours } : {}),
    ...(unverified.length > 0 ? { unverified } : {}),
  };
}
