import { type ContactAction, type Contactable, contactActions } from '@vangnet/core/pack/contact-actions';
import type { PublicService } from '@vangnet/core/pack/public';
import type { MESSENGER_APPS } from '@vangnet/core/pack/schema';
import { ICON_CHAT, ICON_GLOBE, ICON_MAIL, ICON_PHONE, Icon } from '@vangnet/ui/icons';
import { useApp } from './app-context.ts';
import { formatHours } from './hours.ts';
import { isolate, keepLtr } from './i18n/bidi.ts';
import { useI18n } from './i18n/index.ts';
import { packTextIn } from './pack.ts';
import { CheckNote } from './unverified.tsx';

/** Proper names of the apps, the same in every language. */
const APP_NAMES: Record<(typeof MESSENGER_APPS)[number], string> = {
  whatsapp: 'WhatsApp',
  signal: 'Signal',
  telegram: 'Telegram',
  messenger: 'Messenger',
  discord: 'Discord',
};

/** The pictogram in front of each way to reach someone: a handset to call, a speech bubble to write. */
const ICONS: Record<ContactAction['kind'], string> = {
  call: ICON_PHONE,
  text: ICON_CHAT,
  chat: ICON_CHAT,
  messenger: ICON_CHAT,
  email: ICON_MAIL,
  web: ICON_GLOBE,
};

/**
 * Every way to reach a service the pack lists: each phone as a call or a text message, the chat, the
 * messaging apps, e-mail and the website, so a child picks the one they dare to use (many never phone).
 * Under each: that it is free and when it is open, when the pack says so (a crisis line's hours for all
 * its channels stand above the list, so a channel only says hours of its own). A detail the pack marks
 * unverified carries the "check before" note, next to the hours when they are what nobody confirmed.
 */
export function ContactList({ service, name }: { service: Contactable; name: string }) {
  const { t, lang } = useI18n();
  const { pack } = useApp();
  const text = (action: ContactAction) => {
    switch (action.kind) {
      case 'call':
        return t.crisisCall(keepLtr(action.shown, lang));
      case 'text':
        return t.reachText(keepLtr(action.shown, lang));
      case 'chat':
        return `${t.crisisChat}: ${isolate(name, lang)}`;
      case 'messenger':
        return t.reachMessenger(APP_NAMES[action.app]);
      case 'email':
        return t.reachEmail(keepLtr(action.shown, lang));
      case 'web':
        return keepLtr(action.shown, lang);
    }
  };
  return (
    <div class="line-actions">
      {contactActions(service).map((action) => {
        const label = 'label' in action ? packTextIn(pack, lang, action.label) : undefined;
        const external = action.kind === 'chat' || action.kind === 'web' || action.kind === 'messenger';
        const hours = 'hours' in action ? action.hours : undefined;
        const open = hours ? formatHours(hours.open, lang, t.crisisAlways) : null;
        const when = [
          'free' in action && action.free ? t.reachFree : null,
          open === null || hours?.open === 'always' ? open : `${t.crisisHours}: ${open}`,
        ].filter((part) => part !== null);
        const unchecked = action.unchecked || !!hours?.unchecked;
        return (
          <div key={`${action.kind}:${action.href}`} data-testid={`reach-${action.kind}`}>
            <a
              class={
                action.kind === 'call' || action.kind === 'text'
                  ? 'call'
                  : action.kind === 'web'
                    ? ''
                    : 'chat'
              }
              href={action.href}
              {...(external ? { rel: 'noopener noreferrer', target: '_blank' } : {})}
            >
              <span class="call-main">
                <Icon d={ICONS[action.kind]} />
                {text(action)}
              </span>
              {label && (
                <span class="call-label" lang={label.lang}>
                  {label.text}
                </span>
              )}
            </a>
            {when.length > 0 ? (
              <p class="reach-when">
                {when.join(' · ')}
                {unchecked && <CheckNote />}
              </p>
            ) : (
              unchecked && <CheckNote />
            )}
          </div>
        );
      })}
    </div>
  );
}

export type ContactService = Pick<
  PublicService,
  'phones' | 'chat' | 'web' | 'messengers' | 'email' | 'unverified'
>;
