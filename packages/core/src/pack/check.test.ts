import { describe, expect, it } from 'vitest';
import { testPack } from '../routing/test-pack.ts';
import { checkPack, formatProblem } from './check.ts';
import { contrastRatio } from './contrast.ts';
import { DEMO_ANCHOR_PUBLIC_KEY } from './demo-anchor-key.ts';
import { DEMO_PARTNER_RECIPIENT } from './demo-partner-key.ts';
import { publicPack } from './public.ts';

const texts = {
  'routeMap.young.intro': 'a',
  'routeMap.parent.intro': 'a',
  'routeMap.school.intro': 'a',
  'services.helpline.description': 'a',
  'services.helpline.feedback': 'a',
  'services.crisis.description': 'a',
  'services.crisis.feedback': 'a',
  'services.police.description': 'a',
  'services.police.feedback': 'a',
  'crisis.emergency.description': 'a',
  'crisis.suicide.description': 'a',
  'advice.report-to-police': 'a',
};
const errors = (pack: ReturnType<typeof testPack>) =>
  checkPack(pack)
    .filter((p) => p.severity === 'error')
    .map(formatProblem);

/** Any valid age recipient: the checks only look at its presence. */
const PARTNER = 'age1nz4w7409au5su23a5gdy3ry4s7z7fqwk3x0s88kvxpur7d65jc3qmfaxll';

describe('checkPack', () => {
  it('accepts a complete pack', () => {
    expect(errors(testPack({ texts: { en: texts } }))).toEqual([]);
  });

  it('asks a platform guide for steps in every complete language, not an incomplete one', () => {
    const pack = testPack({
      texts: { en: texts, nl: texts },
      platforms: [
        {
          id: 'tiktok',
          name: 'TikTok',
          guide: {
            block: { en: ['Tap Block.'], nl: ['Tik op Blokkeren.'] },
            report: { en: ['Tap Report.'] },
          },
        },
      ],
    });
    pack.meta.languages.push({ code: 'nl', complete: true }, { code: 'fr', complete: false });
    pack.pages.nl = { ...pack.pages.en };
    expect(errors(pack)).toEqual(['platforms.yaml: platforms[0].guide.report: no "nl" steps for TikTok']);
  });

  it('wants an e-mail address or an endpoint for a platform’s DSA notices, and warns while unverified', () => {
    const pack = testPack({
      texts: { en: texts },
      platforms: [
        { id: 'tiktok', name: 'TikTok', dsaContact: { unverified: true } },
        { id: 'instagram', name: 'Instagram', dsaContact: { email: 'dsa@instagram.example.org' } },
      ],
    });
    expect(errors(pack)).toEqual([
      "platforms.yaml: platforms[0].dsaContact: no e-mail or url for TikTok's notices",
    ]);
    expect(
      checkPack(pack)
        .filter((p) => p.severity === 'warning')
        .map(formatProblem),
    ).toContain('platforms.yaml: platforms[0].dsaContact: unverified DSA notice contact of TikTok');
  });

  it('warns about a legal basis no lawyer confirmed', () => {
    const pack = testPack({
      texts: { en: texts },
      legalBasis: [
        { categories: ['threats'], law: 'Wetboek van Strafrecht', articles: ['art. 285'], unverified: true },
      ],
    });
    expect(
      checkPack(pack)
        .filter((p) => p.severity === 'warning')
        .map(formatProblem),
    ).toContain('platforms.yaml: legalBasis[0]: unconfirmed legal basis Wetboek van Strafrecht art. 285');
  });

  it('names every missing string of a complete language', () => {
    const { 'advice.report-to-police': _, ...rest } = texts;
    expect(errors(testPack({ texts: { en: rest } }))).toEqual([
      'texts/en.yaml: advice.report-to-police: missing text in a language declared complete',
    ]);
  });

  it('asks a complete second language for every string of the default one, but not an incomplete one', () => {
    const pack = testPack({ texts: { en: { ...texts, extra: 'x' }, nl: { ...texts } } });
    pack.meta.languages.push({ code: 'nl', complete: true }, { code: 'fr', complete: false });
    expect(errors(pack)).toEqual([
      'texts/nl.yaml: extra: not translated (present in texts/en.yaml)',
      'pages/nl/help.md: (file): missing page in a language declared complete',
    ]);
  });

  it('does not ask to translate the app wording of one language (app.*)', () => {
    const pack = testPack({
      texts: { en: { ...texts, 'app.roles.professional': 'A teacher' }, nl: { ...texts } },
    });
    pack.meta.languages.push({ code: 'nl', complete: true });
    pack.pages.nl = { ...pack.pages.en };
    expect(errors(pack)).toEqual([]);
  });

  it('refuses a page link that is not https:, tel:, sms: or mailto:, and warns when a translation is for others', () => {
    const pack = testPack({ texts: { en: texts } });
    const help = pack.pages.en?.help;
    if (!help) throw new Error('test pack has a page');
    pack.pages.en = {
      help: { ...help, markdown: '# Help\n[a](javascript:alert(1)) [b](http://x.test) [c](tel:112)' },
    };
    pack.meta.languages.push({ code: 'nl', complete: true });
    pack.texts.nl = { ...texts };
    pack.pages.nl = { help: { ...help, audiences: ['parent'], kind: 'signal-card' } };
    expect(errors(pack)).toEqual([
      'pages/en/help.md: javascript:alert(1): links go only to https:, tel:, sms: or mailto: addresses',
      'pages/en/help.md: http://x.test: links go only to https:, tel:, sms: or mailto: addresses',
    ]);
    expect(
      checkPack(pack)
        .filter((p) => p.severity === 'warning' && p.file.startsWith('pages/'))
        .map(formatProblem),
    ).toEqual([
      'pages/nl/help.md: audiences: differs from pages/en/help.md',
      'pages/nl/help.md: kind: differs from pages/en/help.md',
    ]);
  });

  it('checks the pack’s own standard replies (canned.*): roles, placeholders, labels', () => {
    const pack = testPack({
      texts: { en: { ...texts, 'canned.plan': 'Ask {who}', 'canned.plan.label': 'Plan' } },
    });
    expect(errors(pack)).toEqual([
      'texts/en.yaml: canned.plan: unknown placeholder {who} (use {counsellor}, {helpline}, {emergency})',
    ]);
  });

  it('rejects unknown service ids in routes, crisis lines and the helpline', () => {
    const pack = testPack({ texts: { en: texts } });
    pack.routes[0]!.services.push({ service: 'nobody' });
    pack.crisis[0]!.service = 'ghost';
    pack.meta.helpline.id = 'missing';
    expect(errors(pack)).toEqual([
      'pack.yaml: helpline.id: unknown service "missing" (not in services.yaml)',
      'crisis.yaml: lines[0].service: unknown service "ghost" (not in services.yaml)',
      'routes.yaml: rules[0].services[2].service: unknown service "nobody"',
    ]);
  });

  it('checks phone numbers against E.164 and the short-number pattern', () => {
    const pack = testPack({ texts: { en: texts } });
    pack.services[0]!.phones = [{ number: '113' }, { number: '0800-0113' }, { number: '+31 20 123' }];
    expect(errors(pack)).toEqual([
      'services.yaml: services[0].phones[1].number: "0800-0113" is neither E.164 (+…) nor a short number of this country',
      'services.yaml: services[0].phones[2].number: "+31 20 123" is neither E.164 (+…) nor a short number of this country',
    ]);
  });

  it('requires consent and a service on the transition to referred', () => {
    const pack = testPack({ texts: { en: texts } });
    pack.meta.statusWorkflow.transitions = [{ from: ['new'], to: 'referred', requires: ['serviceId'] }];
    expect(errors(pack)).toEqual([
      'pack.yaml: statusWorkflow.transitions[0].requires: a referral hands data to another organisation: it must require serviceId and consent',
    ]);
  });

  it("keeps awaiting-evidence out of the workers' workflow", () => {
    const pack = testPack({ texts: { en: texts } });
    pack.meta.statusWorkflow.transitions.push({ from: ['awaiting-evidence'], to: 'new', requires: [] });
    expect(errors(pack)).toEqual([
      'pack.yaml: statusWorkflow.transitions[1]: awaiting-evidence is set by the server when evidence arrives, never by a worker',
    ]);
  });

  it('refuses unknown permission names in rolePermissions', () => {
    const pack = testPack({ texts: { en: texts } });
    pack.meta.rolePermissions = { caseworker: ['case.list', 'case.delete-everything'] };
    expect(errors(pack)).toEqual([
      'pack.yaml: rolePermissions.caseworker[1]: unknown permission "case.delete-everything"',
    ]);
  });

  it('warns about a webhook that is not https, except on this machine', () => {
    const pack = testPack({ texts: { en: texts } });
    const recipient = PARTNER;
    pack.services[0]!.connector = {
      type: 'webhook',
      url: 'http://partner.test/hook',
      secretEnv: 'S',
      recipient,
    };
    pack.services[1]!.connector = {
      type: 'webhook',
      url: 'http://127.0.0.1:8081/hook',
      secretEnv: 'S',
      recipient,
    };
    pack.services[2]!.connector = {
      type: 'webhook',
      url: 'https://partner.test/hook',
      secretEnv: 'S',
      recipient,
    };
    expect(checkPack(pack).map(formatProblem)).toEqual([
      'services.yaml: services[0].connector.url: a webhook that is not https:// sends referrals unencrypted',
    ]);
  });

  it.each([
    ['webhook', { type: 'webhook', url: 'https://partner.test/hook', secretEnv: 'S' }],
    ['email', { type: 'email', to: 'referrals@partner.test' }],
  ] as const)('requires the partner’s age recipient on a %s connector, which carries content', (type, c) => {
    const pack = testPack({ texts: { en: texts } });
    pack.services[2]!.connector = { ...c };
    expect(errors(pack)).toEqual([
      `services.yaml: services[2].connector.recipient: police's ${type} connector carries report content: add the partner's age recipient (age1…)`,
    ]);
    pack.services[2]!.connector = { ...c, recipient: PARTNER };
    expect(errors(pack)).toEqual([]);
  });

  it('lists unverified details as warnings, not errors', () => {
    const pack = testPack({ texts: { en: texts } });
    pack.services[1]!.phones[0]!.unverified = true;
    pack.services[2]!.unverified = ['leadTimes'];
    const warnings = checkPack(pack).filter((p) => p.severity === 'warning');
    expect(warnings.map(formatProblem)).toEqual([
      'services.yaml: services[1].phones[0]: unverified details of phone 020 123 4567',
      'services.yaml: services[2].leadTimes: unverified detail of police',
    ]);
    expect(errors(pack)).toEqual([]);
  });
});

describe('unverified crisis-line hours', () => {
  it('fails a line with a trigger whose hours are marked unverified, or missing', () => {
    const pack = testPack({ texts: { en: texts } });
    pack.crisis[1]!.unverified = true;
    delete pack.crisis[0]!.hours;
    expect(errors(pack)).toEqual([
      'crisis.yaml: lines[0].hours: crisis line 112 has no hours; a line that routes a crisis needs confirmed hours',
      'crisis.yaml: lines[1].hours: crisis line 113: its hours are marked unverified; confirm them from the organisation, note the source, and remove `unverified`',
    ]);
  });

  it('fails unverified phone or chat hours of a crisis service, wherever the pack lists them', () => {
    const pack = testPack({ texts: { en: texts } });
    pack.services[1]!.phones[0] = {
      number: '+31201234567',
      display: '020 123 4567',
      hours: 'always',
      unverified: true,
    };
    pack.services[2]!.chat = { url: 'https://police.exampleland.eu', hours: 'always' };
    pack.services[2]!.unverified = ['chat'];
    pack.crisis[1]!.chat = { url: 'https://crisis.exampleland.eu', hours: 'always', unverified: true };
    expect(errors(pack)).toEqual([
      'crisis.yaml: lines[1].chat.hours: crisis line 113: the chat hours are unverified; confirm them from the organisation, note the source, and remove `unverified`',
      'services.yaml: services[1].phones[0].hours: crisis line crisis: the hours of 020 123 4567 are unverified; confirm them from the organisation, note the source, and remove `unverified`',
      'services.yaml: services[2].chat.hours: crisis line police: the chat hours are unverified; confirm them from the organisation, note the source, and remove `unverified`',
    ]);
  });

  it('leaves a shown-only line (no trigger) and non-crisis services as warnings: the app marks them', () => {
    const pack = testPack({ texts: { en: { ...texts, 'crisis.talk.description': 'a' } } });
    pack.crisis.push({
      id: 'talk',
      service: 'helpline',
      name: 'Talk line',
      phones: [{ number: '+31201234567', display: '020 123 4567', hours: 'always', unverified: true }],
      when: { flags: [], categories: [] },
      unverified: true,
    });
    pack.services[0]!.phones[0] = {
      number: '+31201234567',
      display: '020 123 4567',
      hours: 'always',
      unverified: true,
    };
    expect(errors(pack)).toEqual([]);
    expect(checkPack(pack).filter((p) => p.severity === 'warning').length).toBeGreaterThan(0);
  });
});

describe('contrastRatio', () => {
  it('matches WCAG reference values', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });
});

describe('publicPack', () => {
  it('leaves out connectors and staff rules', () => {
    const pack = testPack();
    pack.services[0]!.connector = {
      type: 'webhook',
      url: 'https://partner.test/hook',
      secretEnv: 'HOOK_SECRET',
    };
    pack.services[0]!.unverified = ['connector', 'leadTimes'];
    const pub = publicPack(pack);
    expect(JSON.stringify(pub)).not.toMatch(/connector|HOOK_SECRET|partner\.test|statusWorkflow/);
    expect(pub.services[0]?.unverified).toEqual(['leadTimes']);
  });
});

describe('demo partner key', () => {
  it('warns wherever a connector still seals to the public demo key', () => {
    const pack = testPack({ texts: { en: {} } });
    pack.services[2]!.connector = {
      type: 'email',
      to: 'referrals@police.exampleland.eu',
      recipient: DEMO_PARTNER_RECIPIENT,
    };
    const warnings = checkPack(pack)
      .filter((p) => p.severity === 'warning')
      .map(formatProblem);
    expect(warnings).toContain(
      "services.yaml: services[2].connector.recipient: police's connector uses the public demo key: anyone can open what is sent; put the partner's own recipient here before going live",
    );
  });
});

describe('trust anchors', () => {
  it.each<[string, string[] | undefined, string | undefined]>([
    ['a helpline anchor', ['1'.repeat(64)], undefined],
    [
      'the public demo anchor',
      [DEMO_ANCHOR_PUBLIC_KEY],
      "pack.yaml: helpline.trustAnchors: the public demo anchor signs the recipient list: anyone, the server too, can sign a list; put the administrators' own key here before going live",
    ],
    [
      'no anchor',
      undefined,
      "pack.yaml: helpline.trustAnchors: no trust anchor: the reporter app cannot check the helpline's recipients and will not seal a report; add the administrators' signing key",
    ],
  ])('%s → %s', (_name, trustAnchors, expected) => {
    const pack = testPack({ texts: { en: {} } });
    const { trustAnchors: _drop, ...helpline } = pack.meta.helpline;
    pack.meta.helpline = trustAnchors ? { ...helpline, trustAnchors } : helpline;
    const warnings = checkPack(pack)
      .filter((p) => p.path === 'helpline.trustAnchors')
      .map(formatProblem);
    expect(warnings).toEqual(expected ? [expected] : []);
  });
});
