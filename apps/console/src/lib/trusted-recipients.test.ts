import { generateSigningKey, type RecipientList, signRecipientList } from '@vangnet/crypto';
import { describe, expect, it } from 'vitest';
import { withTrustedRecipients } from './trusted-recipients.ts';
import type { InstanceConfig } from './types.ts';

const anchor = generateSigningKey();
const stranger = generateSigningKey();
const genuine = `age1${'q'.repeat(58)}`;
const attacker = `age1${'z'.repeat(58)}`;
const list: RecipientList = {
  kind: 'vangnet.recipient-list',
  version: 1,
  country: 'NL',
  sequence: 1,
  recipients: [genuine],
  notBefore: '2026-01-01T00:00:00.000Z',
  notAfter: '2027-01-01T00:00:00.000Z',
};
const now = new Date('2026-06-01T00:00:00.000Z');
const base: InstanceConfig = {
  country: 'NL',
  packVersion: '1',
  languages: ['nl'],
  helplineRecipients: [genuine, attacker],
  serverPublicKey: 'a'.repeat(64),
};

describe('the console seals replies only to the signed list', () => {
  it.each<[string, unknown, string[]]>([
    ['a list the anchor signed', signRecipientList(list, anchor.privateKey), [genuine]],
    [
      'a list a stranger signed',
      signRecipientList({ ...list, recipients: [attacker] }, stranger.privateKey),
      [],
    ],
    [
      'a signed list with a recipient slipped in',
      { ...signRecipientList(list, anchor.privateKey), list: { ...list, recipients: [genuine, attacker] } },
      [],
    ],
    ['no list', null, []],
  ])('%s → %j', (_name, signedRecipients, expected) => {
    const config = withTrustedRecipients({ ...base, signedRecipients }, [anchor.publicKey], now);
    expect(config.helplineRecipients).toEqual(expected);
    expect(config.recipientsVerified).toBe(expected.length > 0);
  });
});
