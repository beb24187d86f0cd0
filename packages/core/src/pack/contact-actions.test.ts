import { describe, expect, it } from 'vitest';
import { contactActions } from './contact-actions.ts';

describe('contactActions', () => {
  it('offers every channel a service lists, in order, each with the link a phone opens', () => {
    const actions = contactActions({
      phones: [
        { number: '+448001111', display: '0800 1111', label: 'phones.childline' },
        { number: '85258', display: '85258', ways: ['text'] },
        { number: '116123', ways: ['call', 'text'], unverified: true },
      ],
      chat: { url: 'https://chat.helpline.test/start' },
      messengers: [{ app: 'whatsapp', url: 'https://wa.me/447000000001', unverified: true }],
      email: { address: 'help@helpline.test' },
      web: { url: 'https://www.helpline.test/about' },
    });
    expect(actions.map((a) => [a.kind, a.href, a.unchecked])).toEqual([
      ['call', 'tel:+448001111', false],
      ['text', 'sms:85258', false],
      ['call', 'tel:116123', true],
      ['text', 'sms:116123', true],
      ['chat', 'https://chat.helpline.test/start', false],
      ['messenger', 'https://wa.me/447000000001', true],
      ['email', 'mailto:help@helpline.test', false],
      ['web', 'https://www.helpline.test/about', false],
    ]);
    expect(actions[0]).toMatchObject({ shown: '0800 1111', label: 'phones.childline' });
  });

  it('marks a channel unchecked when the service lists its field as unverified', () => {
    const actions = contactActions({
      phones: [{ number: '102' }],
      email: { address: 'a@b.test' },
      unverified: ['phones', 'email'],
    });
    expect(actions.map((a) => a.unchecked)).toEqual([true, true]);
  });

  it('keeps only digits and + in tel: and sms: links', () => {
    expect(contactActions({ phones: [{ number: '0800-0432' }] })[0]?.href).toBe('tel:08000432');
  });
});
