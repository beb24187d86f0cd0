import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateSigningKey } from './countersign.ts';
import {
  acceptAnchors,
  anchorFingerprint,
  type RecipientList,
  type SignedRecipientList,
  signAnchorHandover,
  signRecipientList,
  verifyRecipientList,
} from './recipient-list.ts';

const anchor = generateSigningKey();
const stranger = generateSigningKey();
const R1 = `age1${'q'.repeat(58)}`;
const R2 = `age1${'p'.repeat(58)}`;
const list: RecipientList = {
  kind: 'vangnet.recipient-list',
  version: 1,
  country: 'NL',
  sequence: 5,
  recipients: [R1, R2],
  notBefore: '2026-11-01T00:00:00.000Z',
  notAfter: '2027-11-01T00:00:00.000Z',
};
const signed = signRecipientList(list, anchor.privateKey);
const now = new Date('2026-12-01T00:00:00.000Z');
const context = { anchors: [anchor.publicKey], country: 'NL', now };

/** A copy of the signed list with the list part changed and the old signature kept (tampering). */
const tampered = (change: Partial<RecipientList>): SignedRecipientList => ({
  ...signed,
  list: { ...list, ...change },
});

describe('verifyRecipientList', () => {
  it.each<[string, unknown, Partial<typeof context> & { lastSequence?: number }, string]>([
    ['a genuine list', signed, {}, 'ok'],
    ['the same sequence again', signed, { lastSequence: 5 }, 'ok'],
    ['a newer list than the last one', signed, { lastSequence: 4 }, 'ok'],
    [
      'an attacker recipient added',
      tampered({ recipients: [R1, `age1${'z'.repeat(58)}`] }),
      {},
      'bad-signature',
    ],
    ['a recipient dropped', tampered({ recipients: [R1] }), {}, 'bad-signature'],
    ['the validity stretched', tampered({ notAfter: '2099-01-01T00:00:00.000Z' }), {}, 'bad-signature'],
    ['the sequence raised', tampered({ sequence: 99 }), {}, 'bad-signature'],
    ['signed by a key not in the pack', signRecipientList(list, stranger.privateKey), {}, 'unknown-key'],
    [
      'claiming the anchor but signed by another key',
      { ...signRecipientList(list, stranger.privateKey), signedBy: anchor.publicKey },
      {},
      'bad-signature',
    ],
    ['expired', signed, { now: new Date('2027-11-01T00:00:00.000Z') }, 'expired'],
    ['not yet valid', signed, { now: new Date('2026-10-31T23:59:59.000Z') }, 'not-yet-valid'],
    ['an older list (rollback)', signed, { lastSequence: 6 }, 'rollback'],
    ['another country', signed, { country: 'BE-VL' }, 'wrong-country'],
    ['no anchor in the pack', signed, { anchors: [] }, 'no-anchor'],
    ['an extra unsigned field', { ...signed, list: { ...list, note: 'x' } }, {}, 'malformed'],
    ['no recipients', signRecipientList({ ...list, recipients: [] }, anchor.privateKey), {}, 'malformed'],
    [
      'a recipient that is not age1…',
      signRecipientList({ ...list, recipients: ['x'] }, anchor.privateKey),
      {},
      'malformed',
    ],
    ['nothing', null, {}, 'malformed'],
    ['a string', 'signed', {}, 'malformed'],
  ])('%s → %s', (_name, input, change, expected) => {
    const result = verifyRecipientList(input, { ...context, ...change });
    expect(result.ok ? 'ok' : result.reason).toBe(expected);
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = verifyRecipientList(value, context);
        expect(result.ok).toBe(false);
        const wrapped = verifyRecipientList(
          { list: value, signature: signed.signature, signedBy: anchor.publicKey },
          context,
        );
        expect(wrapped.ok).toBe(false);
      }),
    );
  });
});

describe('acceptAnchors (the pin of an installed app)', () => {
  const next = generateSigningKey();
  const third = generateSigningKey();
  const handover = (from: string[], to: string[], key: string, country = 'NL') =>
    signAnchorHandover({ kind: 'vangnet.anchor-handover', version: 1, country, from, to }, key);
  const oldToNext = handover([anchor.publicKey], [next.publicKey], anchor.privateKey);
  const nextToThird = handover([next.publicKey], [third.publicKey], next.privateKey);

  it.each<[string, string[] | null, string[], unknown[], string]>([
    ['first visit pins what it sees', null, [anchor.publicKey], [], 'pinned'],
    ['the same anchor again', [anchor.publicKey], [anchor.publicKey], [], 'kept'],
    [
      'a changed anchor without hand-over',
      [anchor.publicKey],
      [stranger.publicKey],
      [],
      'changed-without-handover',
    ],
    ['a hand-over signed by the old anchor', [anchor.publicKey], [next.publicKey], [oldToNext], 'pinned'],
    ['a chain of two hand-overs', [anchor.publicKey], [third.publicKey], [nextToThird, oldToNext], 'pinned'],
    [
      'a chain with a missing link',
      [anchor.publicKey],
      [third.publicKey],
      [nextToThird],
      'changed-without-handover',
    ],
    [
      'a hand-over signed by the new key itself',
      [anchor.publicKey],
      [stranger.publicKey],
      [handover([anchor.publicKey], [stranger.publicKey], stranger.privateKey)],
      'changed-without-handover',
    ],
    [
      'a hand-over whose signer claims the old anchor',
      [anchor.publicKey],
      [stranger.publicKey],
      [
        {
          ...handover([anchor.publicKey], [stranger.publicKey], stranger.privateKey),
          signedBy: anchor.publicKey,
        },
      ],
      'changed-without-handover',
    ],
    [
      'a hand-over tampered after signing',
      [anchor.publicKey],
      [stranger.publicKey],
      [{ ...oldToNext, statement: { ...oldToNext.statement, to: [stranger.publicKey] } }],
      'changed-without-handover',
    ],
    [
      'a hand-over for another country',
      [anchor.publicKey],
      [next.publicKey],
      [handover([anchor.publicKey], [next.publicKey], anchor.privateKey, 'BE-VL')],
      'changed-without-handover',
    ],
    ['no anchor offered', [anchor.publicKey], [], [], 'no-anchor'],
    ['an anchor that is not a key', null, ['not-hex'], [], 'no-anchor'],
  ])('%s → %s', (_name, pinned, anchors, handovers, expected) => {
    const result = acceptAnchors(pinned, { anchors, country: 'NL', handovers });
    expect(result.ok ? (result.changed ? 'pinned' : 'kept') : result.reason).toBe(expected);
    if (result.ok) expect(result.anchors.sort()).toEqual([...anchors].sort());
  });
});

describe('anchorFingerprint', () => {
  it('is five groups of four hex digits, the same for the same key and different for another', () => {
    const print = anchorFingerprint(anchor.publicKey);
    expect(print).toMatch(/^([0-9A-F]{4} ){4}[0-9A-F]{4}$/);
    expect(anchorFingerprint(anchor.publicKey)).toBe(print);
    expect(anchorFingerprint(stranger.publicKey)).not.toBe(print);
  });
});
