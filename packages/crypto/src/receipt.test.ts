import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dammCheckDigit, dammTable, dammValid } from './damm.ts';
import { isIdentity, isRecipient, recipientOf } from './keys.ts';
import {
  accessTokenHash,
  deriveReporterKeys,
  formatReceiptCode,
  generateReceiptCode,
  parseAccessToken,
  parseReceiptCode,
} from './receipt.ts';
import type { AccessToken, ReceiptCode } from './types.ts';

const cell = (row: number, column: number) => dammTable[row]![column]!;
const digits = fc
  .array(fc.integer({ min: 0, max: 9 }), { minLength: 20, maxLength: 20 })
  .map((d) => d.join(''));

describe('Damm check digit', () => {
  it('uses a quasigroup of order 10 with a zero diagonal', () => {
    for (let i = 0; i < 10; i++) {
      expect(cell(i, i)).toBe(0);
      expect(new Set(dammTable[i]).size).toBe(10);
      expect(new Set(dammTable.map((row) => row[i])).size).toBe(10);
    }
  });

  it('is weakly totally anti-symmetric: (c*x)*y = (c*y)*x only when x = y', () => {
    for (let c = 0; c < 10; c++)
      for (let x = 0; x < 10; x++)
        for (let y = 0; y < 10; y++) if (x !== y) expect(cell(cell(c, x), y)).not.toBe(cell(cell(c, y), x));
  });

  it('matches the published example: 572 gets check digit 4', () => {
    expect(dammCheckDigit('572')).toBe('4');
    expect(dammValid('5724')).toBe(true);
    expect(dammValid('5723')).toBe(false);
  });
});

describe('receipt codes', () => {
  it('are 21 digits with a valid check digit, shown in groups of three', () => {
    const code = generateReceiptCode();
    expect(code).toMatch(/^[0-9]{21}$/);
    expect(dammValid(code)).toBe(true);
    expect(formatReceiptCode(code)).toMatch(/^[0-9]{3}( [0-9]{3}){6}$/);
    expect(formatReceiptCode('123456789012345678901' as ReceiptCode)).toBe('123 456 789 012 345 678 901');
  });

  it('use every digit about equally often (no modulo bias in the random part)', () => {
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 2000; i++) for (const d of generateReceiptCode().slice(0, 20)) counts[Number(d)]!++;
    // 40,000 digits: each expected 4,000; ±300 is over 4.8 standard deviations.
    for (const count of counts) expect(Math.abs(count - 4000)).toBeLessThan(300);
  });

  it('parse what people type: spaces, dashes, dots, pasted no-break spaces', () => {
    const code = '123456789012345678901' as ReceiptCode;
    const check = dammCheckDigit(code.slice(0, 20));
    const valid = (code.slice(0, 20) + check) as ReceiptCode;
    const grouped = formatReceiptCode(valid);
    expect(parseReceiptCode(grouped)).toBe(valid);
    expect(parseReceiptCode(grouped.replaceAll(' ', '-'))).toBe(valid);
    expect(parseReceiptCode(grouped.replaceAll(' ', '.'))).toBe(valid);
    expect(parseReceiptCode(`  ${grouped.replaceAll(' ', '\u00a0')}\n`)).toBe(valid);
    expect(parseReceiptCode(valid)).toBe(valid);
  });

  it('reject wrong lengths, other characters and a wrong check digit', () => {
    const code = generateReceiptCode();
    expect(parseReceiptCode(code.slice(0, 20))).toBeNull();
    expect(parseReceiptCode(`${code}0`)).toBeNull();
    expect(parseReceiptCode(`${code.slice(0, 20)}x`)).toBeNull();
    expect(parseReceiptCode(`${code.slice(0, 10)}O${code.slice(11)}`)).toBeNull();
    // Arabic-Indic and full-width digits are not ASCII digits.
    expect(parseReceiptCode('١٢٣'.repeat(7))).toBeNull();
    expect(parseReceiptCode('')).toBeNull();
    expect(parseReceiptCode(`${code} `.repeat(10))).toBeNull();
    expect(parseReceiptCode(undefined)).toBeNull();
    expect(parseReceiptCode(123)).toBeNull();
  });

  it('catch every single mistyped digit and every swap of neighbours (exhaustive, 300 codes)', () => {
    for (let n = 0; n < 300; n++) {
      const code = generateReceiptCode();
      for (let i = 0; i < code.length; i++) {
        for (let d = 0; d < 10; d++) {
          if (String(d) === code[i]) continue;
          const typo = code.slice(0, i) + d + code.slice(i + 1);
          expect(parseReceiptCode(typo), typo).toBeNull();
        }
      }
      for (let i = 0; i + 1 < code.length; i++) {
        if (code[i] === code[i + 1]) continue;
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        expect(parseReceiptCode(swapped), swapped).toBeNull();
      }
    }
  });

  it('round-trip: parse(format(code)) is the code, for any 20 digits', () => {
    fc.assert(
      fc.property(digits, (random) => {
        const code = (random + dammCheckDigit(random)) as ReceiptCode;
        return parseReceiptCode(formatReceiptCode(code)) === code;
      }),
    );
  });

  it('parsing any string never throws, and only accepts 21 valid digits', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.stringMatching(/^[0-9 .-]{0,40}$/)),
        (s) => {
          const parsed = parseReceiptCode(s);
          return parsed === null || (/^[0-9]{21}$/.test(parsed) && dammValid(parsed));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('reporter keys from the receipt code', () => {
  it('are the same every time for one code and differ between codes', async () => {
    const code = generateReceiptCode();
    const [a, b, other] = await Promise.all([
      deriveReporterKeys(code),
      deriveReporterKeys(code),
      deriveReporterKeys(generateReceiptCode()),
    ]);
    expect(b).toEqual(a);
    expect(isIdentity(a.identity)).toBe(true);
    expect(isRecipient(a.recipient)).toBe(true);
    expect(await recipientOf(a.identity)).toBe(a.recipient);
    expect(a.accessToken).toMatch(/^[0-9a-f]{64}$/);
    expect(other.identity).not.toBe(a.identity);
    expect(other.accessToken).not.toBe(a.accessToken);
  });

  it('are pinned to scrypt(code, "vangnet/receipt/v1", N=2^15, r=8, p=1): a known answer', async () => {
    // Known answer, checked outside this code: Python's hashlib.scrypt gave the 64 bytes, and
    // `age-keygen -y` gave this recipient for the identity. A change here would orphan every receipt
    // already handed out.
    const keys = await deriveReporterKeys('000000000000000000000' as ReceiptCode);
    expect(keys.recipient).toBe(KNOWN_RECIPIENT);
    expect(keys.accessToken).toBe(KNOWN_TOKEN);
  });

  it('refuses a code that did not come through parseReceiptCode', async () => {
    await expect(deriveReporterKeys('123 456' as ReceiptCode)).rejects.toThrow(TypeError);
  });

  it('hash the access token as SHA-256 of its bytes', () => {
    const token = '00'.repeat(32) as AccessToken;
    // SHA-256 of 32 zero bytes.
    expect(accessTokenHash(token)).toBe('66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925');
    expect(accessTokenHash(token.toUpperCase() as AccessToken)).toBe(accessTokenHash(token));
    expect(() => accessTokenHash('abc' as AccessToken)).toThrow(TypeError);
    expect(parseAccessToken('g'.repeat(64))).toBeNull();
    expect(parseAccessToken('A'.repeat(64))).toBe('a'.repeat(64));
  });
});

const KNOWN_RECIPIENT = 'age1v4qk86fvp6s73serzsud6cjxupkmhnem9dv6w3mkqtmxq3ng53uss60yfs';
const KNOWN_TOKEN = '2f05c9dc215fb4802c5d585b1a88a5d5196b369672d8cf5283f5a5518f8204dd';
