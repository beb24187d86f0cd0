import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BUILT_IN_CANNED_IDS } from '@vangnet/core/pack/canned-texts';
import { ROLES } from '@vangnet/core/taxonomy';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cannedRepliesInNode } from '../i18n/compile-in-node.ts';
import { CANNED_LANGUAGES } from '../i18n/index.ts';
import { audienceFor, cannedResponses as cannedFrom, counsellorName } from './canned.ts';

/** As the case screen calls it, with the built-in set for the reporter's language (compiled in Node). */
const cannedResponses = (options: Omit<Parameters<typeof cannedFrom>[0], 'replies'>) => {
  const set = cannedRepliesInNode(options.language);
  return cannedFrom({ ...options, replies: set.replies, repliesLanguage: set.lang });
};

const BUILT_IN_IDS = Object.fromEntries(BUILT_IN_CANNED_IDS.map((id) => [id, true]));

const packsDir = fileURLToPath(new URL('../../../../country-packs/', import.meta.url));
/** Every language any pack declares (complete or not): a reporter may write in each. */
const packLanguages = [
  ...new Set(
    readdirSync(packsDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) => {
        const meta = parse(readFileSync(`${packsDir}${d.name}/pack.yaml`, 'utf8')) as {
          languages: { code: string }[];
        };
        return meta.languages.map((l) => l.code);
      }),
  ),
];

const ctx = { counsellor: 'Anna', helpline: 'Helpwanted', emergency: ['112'] };
const reply = (language: string, role: string, id: string) =>
  cannedResponses({ language, role, ...ctx }).find((c) => c.id === id)?.text ?? '';

// "Do not pay", "are you safe right now?" and "always" in each language, as a child or an adult reads it.
const words: Record<string, { safe: RegExp; doNotPay: RegExp; notFault: RegExp; always: RegExp }> = {
  nl: {
    safe: /nu veilig\?/,
    doNotPay: /Betaal niet/,
    notFault: /niet (jouw|uw|de) schuld/,
    always: /altijd/i,
  },
  en: {
    safe: /safe right now\?/,
    doNotPay: /Do not pay/,
    notFault: /not (your|the young person’s) (friend’s )?fault/,
    always: /always/i,
  },
  fr: {
    safe: /en sécurité maintenant \?/,
    doNotPay: /Ne pa(ie|yez) pas/,
    notFault: /pas (de ta|de votre|sa|la) faute/,
    always: /toujours/i,
  },
  uk: {
    safe: /зараз у безпеці\?/,
    doNotPay: /[Нн]е плати|Не платіть/,
    notFault: /не (твоя|ваша) провина|не провина (молодої людини|твого друга)/,
    always: /завжди/i,
  },
  pl: {
    safe: /(w bezpiecznym miejscu|bezpiecznie)\?/,
    doNotPay: /Nie płać|Proszę nie płacić/,
    notFault: /nie (twoja )?wina|nie jest wina/,
    always: /zawsze/i,
  },
  de: {
    safe: /gerade sicher\?/,
    doNotPay: /Zahl(en Sie)? nicht/,
    notFault: /nicht (deine|Ihre|seine oder ihre|die) Schuld/,
    always: /immer/i,
  },
  tr: {
    safe: /güvende mi(siniz|sin)?\?/,
    doNotPay: /(Para ödeme|Para ödemeyin)/,
    notFault: /(senin|sizin|gencin|arkadaşının) suçu(n|nuz)? değil/,
    always: /her zaman/i,
  },
  ar: {
    safe: /بأمان الآن؟/,
    doNotPay: /لا تدفع/,
    notFault: /ليس ذنب/,
    always: /دائمًا/,
  },
};

describe('standard replies', () => {
  it('exist for every language a pack declares', () => {
    expect(packLanguages.length).toBeGreaterThan(0);
    for (const lang of packLanguages) expect(CANNED_LANGUAGES, lang).toContain(lang);
  });

  it.each(CANNED_LANGUAGES.flatMap((lang) => ROLES.map((role) => [lang, role] as const)))(
    '%s, %s: first contact by name asks "are you safe right now?"; sextortion, self-harm and danger replies; closing keeps nothing "always"',
    (lang, role) => {
      const w = words[lang] as (typeof words)[string];
      const ids = cannedResponses({ language: lang, role, ...ctx }).map((c) => c.id);
      expect(ids).toEqual(
        expect.arrayContaining(['first-contact', 'danger', 'self-harm', 'sextortion', 'closing']),
      );
      expect(reply(lang, role, 'first-contact')).toContain('Anna');
      expect(reply(lang, role, 'first-contact')).toContain('Helpwanted');
      expect(reply(lang, role, 'first-contact')).toMatch(w.safe);
      expect(reply(lang, role, 'sextortion')).toMatch(w.doNotPay);
      expect(reply(lang, role, 'sextortion')).toMatch(w.notFault);
      expect(reply(lang, role, 'danger')).toContain('112');
      expect(reply(lang, role, 'closing')).not.toMatch(w.always);
      for (const c of cannedResponses({ language: lang, role, ...ctx })) expect(c.text).not.toMatch(/[{}]/);
    },
  );

  it('picks the set by the reporter’s language and role', () => {
    expect(reply('fr', 'self', 'first-contact')).toContain('ton signalement');
    expect(reply('fr-BE', 'parent', 'first-contact')).toContain('votre signalement');
    expect(reply('de', 'friend', 'first-contact')).toContain('deine Meldung');
    expect(reply('de', 'professional', 'first-contact')).toContain('Ihre Meldung');
    expect(reply('nl', 'self', 'first-contact')).toContain('Ik heb je melding gelezen');
    expect(reply('nl', 'parent', 'first-contact')).toContain('Ik heb uw melding gelezen');
    expect(reply('en', 'parent', 'first-contact')).toContain('Is the young person safe right now?');
    expect(reply('uk', 'parent', 'first-contact')).toContain('Ваше повідомлення');
    expect(reply('pl', 'self', 'first-contact')).toContain('Twoje zgłoszenie');
    expect(reply('pl', 'parent', 'first-contact')).not.toMatch(
      /(?<!\p{L})(twoje|ty|cię|Pan|Pani)(?!\p{L})/iu,
    );
    // A language without built-in replies gets English.
    expect(reply('cs', 'self', 'first-contact')).toContain('I read your report');
    expect(audienceFor('self')).toBe('young');
    expect(audienceFor('friend')).toBe('young');
    expect(audienceFor('parent')).toBe('adult');
  });

  it('names the pack’s emergency numbers in the reporter’s language', () => {
    const text = cannedResponses({ language: 'fr', role: 'self', ...ctx, emergency: ['101', '112'] }).find(
      (c) => c.id === 'danger',
    )?.text;
    expect(text).toContain('le 101 ou le 112');
  });

  it('lets a pack add replies and replace built-in ones, per role, with the same placeholders', () => {
    const packTexts = {
      nl: {
        'canned.hello': 'Hoi, ik ben {counsellor}.',
        'canned.hello.label': 'Hallo',
        'canned.closing': 'Tot ziens van {helpline}.',
        'canned.school.professional': 'Zullen we de school erbij halen?',
        'canned.school.label': 'School',
      },
    };
    const forChild = cannedResponses({ language: 'nl', role: 'self', packTexts, ...ctx });
    expect(forChild.find((c) => c.id === 'hello')).toEqual({
      id: 'hello',
      label: 'Hallo',
      text: 'Hoi, ik ben Anna.',
    });
    expect(forChild.find((c) => c.id === 'closing')).toEqual({
      id: 'closing',
      label: 'Afsluiten',
      text: 'Tot ziens van Helpwanted.',
    });
    // The built-in ones stay, in their order; a reply for professionals only is not offered to a child.
    expect(forChild.map((c) => c.id)).toEqual([...Object.keys(BUILT_IN_IDS), 'hello']);
    expect(forChild.some((c) => c.id === 'school')).toBe(false);
    const forProfessional = cannedResponses({ language: 'nl', role: 'professional', packTexts, ...ctx });
    expect(forProfessional.find((c) => c.id === 'school')?.text).toBe('Zullen we de school erbij halen?');
    // Another language of the pack without its own replies keeps the built-in ones.
    expect(
      cannedResponses({ language: 'fr', role: 'self', packTexts, ...ctx }).some((c) => c.id === 'hello'),
    ).toBe(false);
  });

  it.each([
    // role, reply, what the reporter must read, what they must not
    ['friend', 'first-contact', /your friend safe right now\? And are you safe right now\?/, /young person/],
    ['friend', 'sextortion', /Tell your friend: Do not pay/, /young person/],
    ['adult', 'first-contact', /Are you safe right now\?/, /young person/],
    ['adult', 'self-harm', /Do you think about hurting yourself\?/, /young person|stay with them/],
    ['parent', 'first-contact', /Is the young person safe right now\?/, /your fault/],
    ['professional', 'self-harm', /stay with them/, /Do you think about hurting yourself/],
    ['self', 'first-contact', /It is not your fault. Are you safe right now\?/, /young person/],
  ])('English, %s, %s: addressed as who they are', (role, id, must, mustNot) => {
    expect(reply('en', role, id)).toMatch(must);
    expect(reply('en', role, id)).not.toMatch(mustNot);
  });

  it.each([
    ['nl', 'adult', /Bent u nu veilig\?/],
    ['nl', 'friend', /Is je vriend of vriendin nu veilig\?/],
    ['fr', 'adult', /Êtes-vous en sécurité maintenant \?/],
    ['fr', 'friend', /Ton ami ou ton amie est-il en sécurité/],
    ['de', 'adult', /Sind Sie gerade sicher\?/],
    ['de', 'friend', /Ist dein Freund oder deine Freundin gerade sicher\?/],
    ['tr', 'adult', /Şu an güvende misiniz\?/],
    ['tr', 'parent', /Genç şu an güvende mi\?/],
    ['tr', 'friend', /Arkadaşın şu an güvende mi\?/],
    ['ar', 'parent', /هل الشاب أو الشابة بأمان الآن؟/],
    ['ar', 'friend', /هل صديقك بأمان الآن؟/],
    ['uk', 'adult', /Ви зараз у безпеці\?/],
    ['uk', 'friend', /Твій друг чи подруга зараз у безпеці\?/],
    ['pl', 'parent', /Czy młoda osoba jest teraz w bezpiecznym miejscu\?/],
    ['pl', 'friend', /Czy ta osoba jest teraz w bezpiecznym miejscu\?/],
  ])('%s, %s: the first contact asks about the right person', (lang, role, must) => {
    expect(reply(lang, role, 'first-contact')).toMatch(must);
  });

  it('uses the display name the worker chose, else the first name from the e-mail address', () => {
    expect(counsellorName('anna.de.vries@helpline.example', 'Anna de V.')).toBe('Anna de V.');
    expect(counsellorName('anna.de.vries@helpline.example', '  ')).toBe('Anna');
  });

  it('takes the counsellor’s first name from the staff e-mail address', () => {
    expect(counsellorName('anna.de.vries@helpline.example')).toBe('Anna');
    expect(counsellorName('sam@x.example')).toBe('Sam');
  });
});
