import { type ContactAction, contactActions } from '@vangnet/core/pack/contact-actions';
import type { PublicService } from '@vangnet/core/pack/public';
import type { MESSENGER_APPS } from '@vangnet/core/pack/schema';
import { useApp } from './app-context.ts';
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

/**
 * Every way to reach a service the pack lists: each phone as a call or a text message, the chat, the
 * messaging apps, e-mail and the website, so a child picks the one they dare to use (many never phone).
 * A detail the pack marks unverified carries the "check before" note.
 */
export function ContactList({
  service,
  name,
}: {
  service: Parameters<typeof contactActions>[0];
  name: string;
}) {
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
        return (
          <div key={`${action.kind}:${action.href}`}>
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
              {text(action)}
              {label && (
                <span class="call-label" lang={label.lang}>
                  {label.text}
                </span>
              )}
            </a>
            {action.unchecked && <CheckNote />}
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
