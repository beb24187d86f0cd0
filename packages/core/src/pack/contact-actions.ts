import type { CrisisLine, Link, Messenger, Phone, Service } from './schema.ts';

/**
 * One way to reach a service, as the apps offer it: every phone (call, text or both), the chat, each
 * messaging app, the e-mail address and the website, in that order, each with the link a phone opens.
 * `unchecked` carries the pack's `unverified` marks so the app can add its "check before" note.
 */
export type ContactAction =
  | { kind: 'call' | 'text'; href: string; shown: string; label?: string; unchecked: boolean; phone: Phone }
  | { kind: 'chat' | 'web'; href: string; shown: string; unchecked: boolean }
  | { kind: 'messenger'; app: Messenger['app']; href: string; unchecked: boolean }
  | { kind: 'email'; href: string; shown: string; unchecked: boolean };

type Contactable = Partial<Pick<Service, 'web' | 'messengers' | 'email' | 'unverified'>> &
  Pick<CrisisLine, 'phones'> & { chat?: Link | undefined };

/** Digits and a leading + only: what `tel:` and `sms:` links take. */
function dialable(number: string): string {
  return number.replace(/[^\d+]/g, '');
}

export function contactActions(service: Contactable): ContactAction[] {
  const fields = Array.isArray(service.unverified) ? service.unverified : [];
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
        phone,
      });
    }
  }
  if (service.chat) {
    actions.push({
      kind: 'chat',
      href: service.chat.url,
      shown: new URL(service.chat.url).host,
      unchecked: !!service.chat.unverified || fields.includes('chat'),
    });
  }
  for (const messenger of service.messengers ?? []) {
    actions.push({
      kind: 'messenger',
      app: messenger.app,
      href: messenger.url,
      unchecked: !!messenger.unverified || fields.includes('messengers'),
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
      unchecked: !!service.web.unverified || fields.includes('web'),
    });
  }
  return actions;
}
