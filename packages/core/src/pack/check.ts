import { parseMarkdown } from '../markdown/parse.ts';
import { PERMISSIONS } from '../permissions/permissions.ts';
import { findUnreachableRules, findUnroutedCombinations } from '../routing/combinations.ts';
import type { RouteInput } from '../routing/route-report.ts';
import { leadTimeMs } from '../sla/lead-time.ts';
import { URGENCY_FLAGS } from '../taxonomy.ts';
import { checkAgreements } from './agreements.ts';
import { lowContrastPairs } from './brand-tokens.ts';
import { parseCannedTexts } from './canned-texts.ts';
import { checkFederation } from './check-federation.ts';
import { logoProblems } from './check-logo.ts';
import { releaseKeyWarnings } from './check-release-key.ts';
import { findRoutesOutsideRemit } from './check-remit.ts';
import { DEMO_ANCHOR_PUBLIC_KEY } from './demo-anchor-key.ts';
import { DEMO_PARTNER_RECIPIENT } from './demo-partner-key.ts';
import { didYouMean } from './nearest.ts';
import { AUDIENCES, type CountryPack, GUIDE_ACTIONS, type Link, type Phone } from './schema.ts';
import { findTemplateLeftovers } from './template-leftovers.ts';
import { findUnusedFields } from './unused-fields.ts';

/**
 * One finding about a pack, named by the file the administrator edits and the path inside it.
 * Errors stop the server from booting with the pack; warnings (unverified details) are for the
 * administrator to confirm.
 */
export type PackProblem = { severity: 'error' | 'warning'; file: string; path: string; message: string };

export function formatProblem(p: PackProblem): string {
  return `${p.file}: ${p.path || '(file)'}: ${p.message}`;
}

const E164 = /^\+[1-9]\d{6,14}$/;
/** Lists of gaps can run into thousands; the first few are enough to see the pattern. */
const MAX_LISTED_GAPS = 12;

export type CheckOptions = {
  /** The pack is country-packs/template itself, whose placeholders are there on purpose. */
  isTemplate?: boolean;
};

/** Every cross-file rule a schema cannot see. Pure: the loader calls it after parsing the files. */
export function checkPack(pack: CountryPack, options: CheckOptions = {}): PackProblem[] {
  const problems: PackProblem[] = [];
  const error = (file: string, path: string, message: string): void => {
    problems.push({ severity: 'error', file, path, message });
  };
  const warn = (file: string, path: string, message: string): void => {
    problems.push({ severity: 'warning', file, path, message });
  };

  const { meta } = pack;
  const serviceIds = new Set(pack.services.map((s) => s.id));
  const completeLanguages = meta.languages.filter((l) => l.complete).map((l) => l.code);

  // pack.yaml
  const declared = meta.languages.find((l) => l.code === meta.defaultLanguage);
  if (!declared) error('pack.yaml', 'defaultLanguage', `"${meta.defaultLanguage}" is not in languages`);
  else if (!declared.complete) error('pack.yaml', 'defaultLanguage', 'the default language must be complete');
  for (const code of duplicates(meta.languages.map((l) => l.code)))
    error('pack.yaml', 'languages', `language "${code}" is listed twice`);
  if (!serviceIds.has(meta.helpline.id)) {
    error('pack.yaml', 'helpline.id', `unknown service "${meta.helpline.id}" (not in services.yaml)`);
  }
  // The apps seal only to a recipient list signed by one of these keys (docs/threat-model.md).
  const anchors = meta.helpline.trustAnchors ?? [];
  if (anchors.length === 0) {
    warn(
      'pack.yaml',
      'helpline.trustAnchors',
      "no trust anchor: the reporter app cannot check the helpline's recipients and will not seal a report; add the administrators' signing key",
    );
  } else if (anchors.includes(DEMO_ANCHOR_PUBLIC_KEY)) {
    warn(
      'pack.yaml',
      'helpline.trustAnchors',
      "the public demo anchor signs the recipient list: anyone, the server too, can sign a list; put the administrators' own key here before going live",
    );
  }
  if (!isTimeZone(meta.timeZone)) {
    error(
      'pack.yaml',
      'timeZone',
      `"${meta.timeZone}" is not an IANA time zone${didYouMean(meta.timeZone, Intl.supportedValuesOf('timeZone'))}; write it like Europe/Brussels`,
    );
  }
  if (!options.isTemplate) {
    for (const leftover of findTemplateLeftovers(pack)) error(leftover.file, leftover.path, leftover.message);
  }
  let shortNumber: RegExp | undefined;
  try {
    shortNumber = new RegExp(`^(?:${meta.shortNumberPattern})$`);
  } catch {
    error('pack.yaml', 'shortNumberPattern', 'not a valid regular expression');
  }
  // Every token pair the brand changes, in light and dark (brand-tokens.ts): text, tints, buttons, borders.
  const { branding } = meta;
  for (const [scheme, colours, key] of [
    ['light', branding.colours, 'colours'],
    ['dark', branding.dark, 'dark'],
  ] as const) {
    if (!colours) continue;
    for (const p of lowContrastPairs(colours, scheme)) {
      error(
        'pack.yaml',
        `branding.${key}.${p.colour}`,
        `${p.fg} on ${p.bg} (${scheme}) is ${p.ratio.toFixed(2)}:1, WCAG AA needs ${p.needed}:1`,
      );
    }
  }
  if (branding.logo) {
    for (const problem of logoProblems(branding.logo)) error('pack.yaml', 'branding.logo', problem);
  }
  if (branding.unverified && !options.isTemplate) {
    warn(
      'pack.yaml',
      'branding',
      'the brand (name, logo, colours) is unverified: ask the helpline to approve it',
    );
  }
  for (const [role, permissions] of Object.entries(meta.rolePermissions ?? {})) {
    permissions?.forEach((permission, i) => {
      if (!(PERMISSIONS as readonly string[]).includes(permission)) {
        error('pack.yaml', `rolePermissions.${role}[${i}]`, `unknown permission "${permission}"`);
      }
    });
  }
  meta.statusWorkflow.transitions.forEach((t, i) => {
    if (t.to === 'awaiting-evidence' || t.from.includes('awaiting-evidence')) {
      error(
        'pack.yaml',
        `statusWorkflow.transitions[${i}]`,
        'awaiting-evidence is set by the server when evidence arrives, never by a worker',
      );
    }
    if (t.to === 'referred' && !(t.requires.includes('serviceId') && t.requires.includes('consent'))) {
      error(
        'pack.yaml',
        `statusWorkflow.transitions[${i}].requires`,
        'a referral hands data to another organisation: it must require serviceId and consent',
      );
    }
  });

  // Phone numbers and unverified details, wherever they appear.
  const checkPhones = (file: string, base: string, phones: Phone[]) =>
    phones.forEach((phone, i) => {
      const path = `${base}.phones[${i}]`;
      if (!E164.test(phone.number) && !shortNumber?.test(phone.number)) {
        error(
          file,
          `${path}.number`,
          `"${phone.number}" is neither E.164 (+…) nor a short number of this country`,
        );
      }
      if (E164.test(phone.number) && !phone.display) {
        error(
          file,
          `${path}.display`,
          `"${phone.number}" needs a display form: how people in the country write it (e.g. display: '0800 0432')`,
        );
      }
      if (phone.unverified) warn(file, path, `unverified details of phone ${phone.display ?? phone.number}`);
    });
  const checkLink = (file: string, path: string, link: Link | undefined) => {
    if (link?.unverified) warn(file, path, `unverified address ${link.url}`);
  };

  // services.yaml
  for (const id of duplicates(pack.services.map((s) => s.id)))
    error('services.yaml', 'services', `service id "${id}" is used twice`);
  pack.services.forEach((service, i) => {
    const base = `services[${i}]`;
    checkPhones('services.yaml', base, service.phones);
    checkLink('services.yaml', `${base}.chat`, service.chat);
    checkLink('services.yaml', `${base}.web`, service.web);
    for (const field of service.unverified ?? []) {
      if (!(field in service))
        error('services.yaml', `${base}.unverified`, `"${field}" is not a field of a service`);
      else warn('services.yaml', `${base}.${field}`, `unverified detail of ${service.name}`);
    }
    const { connector } = service;
    if (
      connector.type === 'webhook' &&
      !/^https:\/\/|^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(connector.url)
    ) {
      warn(
        'services.yaml',
        `${base}.connector.url`,
        'a webhook that is not https:// sends referrals unencrypted',
      );
    }
    // A zero lead time means "answered when you call": true only of a line whose hours are known, so
    // the app can say when. Without hours it is a promise nobody checked.
    const hasHours = service.phones.some((phone) => phone.hours) || service.chat?.hours !== undefined;
    for (const field of ['firstContact', 'handover'] as const) {
      if (leadTimeMs(service.leadTimes[field]) === 0 && !hasHours) {
        error(
          'services.yaml',
          `${base}.leadTimes.${field}`,
          `${service.leadTimes[field]} promises an answer at once, but no phone or chat of ${service.name} has opening hours; add the hours, or give a real target such as PT4H`,
        );
      }
    }
    // A connector that carries the report's content needs the partner's own key: without it the console
    // could not seal the hand-over so that only the partner opens it.
    if (connector.type !== 'none' && !connector.recipient) {
      error(
        'services.yaml',
        `${base}.connector.recipient`,
        `${service.name}'s ${connector.type} connector carries report content: add the partner's age recipient (age1…)`,
      );
    }
    if (connector.type !== 'none' && connector.recipient === DEMO_PARTNER_RECIPIENT) {
      warn(
        'services.yaml',
        `${base}.connector.recipient`,
        `${service.name}'s connector uses the public demo key: anyone can open what is sent; put the partner's own recipient here before going live`,
      );
    }
    const reachable =
      service.phones.length > 0 || service.chat || service.web || service.messengers?.length || service.email;
    if (!reachable && service.kind !== 'school') {
      error('services.yaml', base, `${service.name} has no phone, chat, messenger, e-mail or web address`);
    }
  });

  // crisis.yaml
  for (const id of duplicates(pack.crisis.map((c) => c.id)))
    error('crisis.yaml', 'lines', `crisis line id "${id}" is used twice`);
  pack.crisis.forEach((line, i) => {
    const base = `lines[${i}]`;
    if (!serviceIds.has(line.service)) {
      error('crisis.yaml', `${base}.service`, `unknown service "${line.service}" (not in services.yaml)`);
    }
    checkPhones('crisis.yaml', base, line.phones);
    checkLink('crisis.yaml', `${base}.chat`, line.chat);
    if (line.unverified) warn('crisis.yaml', base, `unverified details of ${line.name}`);
  });

  // Crisis lines: hours a child is told to rely on in a crisis must be confirmed, never a placeholder.
  for (const problem of findUnverifiedCrisisHours(pack)) error(problem.file, problem.path, problem.message);

  // platforms.yaml
  for (const id of duplicates(pack.platforms.map((p) => p.id)))
    error('platforms.yaml', 'platforms', `platform id "${id}" is used twice`);
  pack.platforms.forEach((platform, i) => {
    if (platform.unverified)
      warn('platforms.yaml', `platforms[${i}]`, `unverified addresses for ${platform.name}`);
    const contact = platform.dsaContact;
    if (contact && !contact.email && !contact.url)
      error(
        'platforms.yaml',
        `platforms[${i}].dsaContact`,
        `no e-mail or url for ${platform.name}'s notices`,
      );
    if (contact?.unverified)
      warn(
        'platforms.yaml',
        `platforms[${i}].dsaContact`,
        `unverified DSA notice contact of ${platform.name}`,
      );
    // A guide a child opens in a complete language never falls back to another language's steps.
    for (const action of GUIDE_ACTIONS) {
      const steps = platform.guide?.[action];
      if (!steps) continue;
      for (const lang of completeLanguages) {
        if (!steps[lang]?.length)
          error(
            'platforms.yaml',
            `platforms[${i}].guide.${action}`,
            `no "${lang}" steps for ${platform.name}`,
          );
      }
    }
  });
  (pack.legalBasis ?? []).forEach((basis, i) => {
    if (basis.unverified)
      warn(
        'platforms.yaml',
        `legalBasis[${i}]`,
        `unconfirmed legal basis ${basis.law} ${basis.articles.join(', ')}`,
      );
  });

  // routes.yaml
  for (const id of duplicates(pack.routes.map((r) => r.id)))
    error('routes.yaml', 'rules', `rule id "${id}" is used twice`);
  pack.routes.forEach((rule, i) => {
    rule.services.forEach((target, j) => {
      if (!serviceIds.has(target.service)) {
        error('routes.yaml', `rules[${i}].services[${j}].service`, `unknown service "${target.service}"`);
      }
    });
  });
  for (const problem of findRoutesOutsideRemit(pack)) error(problem.file, problem.path, problem.message);
  for (const problem of releaseKeyWarnings(meta)) warn(problem.file, problem.path, problem.message);
  problems.push(...checkAgreements(pack));
  for (const problem of checkFederation(pack)) error(problem.file, problem.path, problem.message);
  const gaps = groupGaps(findUnroutedCombinations(pack));
  for (const gap of gaps.slice(0, MAX_LISTED_GAPS)) error('routes.yaml', 'rules', `no rule matches ${gap}`);
  if (gaps.length > MAX_LISTED_GAPS) {
    error(
      'routes.yaml',
      'rules',
      `…and ${gaps.length - MAX_LISTED_GAPS} more answer combinations have no route`,
    );
  }
  for (const id of findUnreachableRules(pack)) {
    const i = pack.routes.findIndex((r) => r.id === id);
    warn(
      'routes.yaml',
      `rules[${i}]`,
      `rule "${id}" never applies: earlier rules match everything it matches`,
    );
  }

  // texts/<lang>.yaml and pages/<lang>/*.md: complete languages have every string.
  const required = requiredTextKeys(pack);
  const defaultTexts = pack.texts[meta.defaultLanguage] ?? {};
  for (const lang of completeLanguages) {
    const file = `texts/${lang}.yaml`;
    const texts = pack.texts[lang];
    if (!texts) {
      error(file, '', `missing: "${lang}" is declared complete`);
      continue;
    }
    for (const key of required) {
      if (!texts[key]?.trim()) error(file, key, `missing text in a language declared complete`);
    }
    for (const key of Object.keys(defaultTexts)) {
      // `app.*` words one language's app texts the pack's way (Flemish Dutch): it has no translation.
      if (!required.has(key) && !key.startsWith('app.') && !texts[key]?.trim()) {
        error(file, key, `not translated (present in texts/${meta.defaultLanguage}.yaml)`);
      }
    }
    const pages = pack.pages[lang] ?? {};
    for (const slug of Object.keys(pack.pages[meta.defaultLanguage] ?? {})) {
      if (!pages[slug]) error(`pages/${lang}/${slug}.md`, '', `missing page in a language declared complete`);
    }
  }
  // The pack's own standard replies for the console (canned.*): known roles and placeholders, a label each.
  for (const [lang, texts] of Object.entries(pack.texts)) {
    for (const p of parseCannedTexts(texts).problems) error(`texts/${lang}.yaml`, p.key, p.message);
  }
  for (const lang of [...Object.keys(pack.texts), ...Object.keys(pack.pages)]) {
    if (!meta.languages.some((l) => l.code === lang)) {
      warn(`texts/${lang}.yaml`, '', `language "${lang}" is not declared in pack.yaml and is ignored`);
    }
  }
  // Page links: only https:, tel:, sms: and mailto: (the app shows any other as plain words).
  // A translation is for the same readers: audiences and kind follow the default language's page.
  for (const [lang, pages] of Object.entries(pack.pages)) {
    for (const [slug, page] of Object.entries(pages)) {
      const file = `pages/${lang}/${slug}.md`;
      for (const href of parseMarkdown(page.markdown).refused) {
        error(file, href, 'links go only to https:, tel:, sms: or mailto: addresses');
      }
      const original = pack.pages[meta.defaultLanguage]?.[slug];
      if (original && lang !== meta.defaultLanguage) {
        for (const field of ['audiences', 'kind', 'categories', 'roles'] as const) {
          if (JSON.stringify(page[field]) !== JSON.stringify(original[field]))
            warn(file, field, `differs from pages/${meta.defaultLanguage}/${slug}.md`);
        }
      }
    }
  }
  if (Object.keys(pack.pages[meta.defaultLanguage] ?? {}).length === 0) {
    error(`pages/${meta.defaultLanguage}`, '', 'the default language needs at least one help page');
  }
  problems.push(...findUnusedFields(pack));

  return problems;
}

/**
 * Crisis lines are the lines of crisis.yaml with a trigger (their service goes first in a route), the
 * services those lines name, and every service of kind `crisis`. Their opening hours are unverified when
 * the line says so (`unverified: true` covers its required hours), when a line with a trigger has no
 * hours, or when a phone or chat that carries hours is marked unverified. A line without a trigger is
 * only shown ("someone to talk to"): its unchecked hours stay a warning and the app shows them with a
 * "check before you call" note.
 */
export function findUnverifiedCrisisHours(pack: CountryPack): Omit<PackProblem, 'severity'>[] {
  const found: Omit<PackProblem, 'severity'>[] = [];
  const fix = 'confirm them from the organisation, note the source, and remove `unverified`';
  const triggered = (line: CountryPack['crisis'][number]) =>
    line.when.flags.length > 0 || line.when.categories.length > 0;
  const crisisServiceIds = new Set([
    ...pack.crisis.filter(triggered).map((line) => line.service),
    ...pack.services.filter((s) => s.kind === 'crisis').map((s) => s.id),
  ]);
  const checkContacts = (
    file: string,
    base: string,
    name: string,
    phones: Phone[],
    chat: Link | undefined,
    unverifiedFields: readonly string[] = [],
  ) => {
    phones.forEach((phone, i) => {
      if (phone.hours && (phone.unverified || unverifiedFields.includes('phones'))) {
        found.push({
          file,
          path: `${base}.phones[${i}].hours`,
          message: `crisis line ${name}: the hours of ${phone.display ?? phone.number} are unverified; ${fix}`,
        });
      }
    });
    if (chat?.hours && (chat.unverified || unverifiedFields.includes('chat'))) {
      found.push({
        file,
        path: `${base}.chat.hours`,
        message: `crisis line ${name}: the chat hours are unverified; ${fix}`,
      });
    }
  };
  pack.crisis.forEach((line, i) => {
    if (!triggered(line)) return;
    const base = `lines[${i}]`;
    if (!line.hours) {
      found.push({
        file: 'crisis.yaml',
        path: `${base}.hours`,
        message: `crisis line ${line.name} has no hours; a line that routes a crisis needs confirmed hours`,
      });
    } else if (line.unverified) {
      found.push({
        file: 'crisis.yaml',
        path: `${base}.hours`,
        message: `crisis line ${line.name}: its hours are marked unverified; ${fix}`,
      });
    }
    checkContacts('crisis.yaml', base, line.name, line.phones, line.chat);
  });
  pack.services.forEach((service, i) => {
    if (!crisisServiceIds.has(service.id)) return;
    checkContacts(
      'services.yaml',
      `services[${i}]`,
      service.name,
      service.phones,
      service.chat,
      service.unverified,
    );
  });
  return found;
}

/** Keys every complete language must have, derived from what the pack refers to. */
export function requiredTextKeys(pack: CountryPack): Set<string> {
  const keys = new Set<string>();
  for (const audience of AUDIENCES) keys.add(`routeMap.${audience}.intro`);
  for (const service of pack.services) {
    keys.add(`services.${service.id}.description`);
    keys.add(`services.${service.id}.feedback`);
  }
  for (const line of pack.crisis) keys.add(`crisis.${line.id}.description`);
  for (const rule of pack.routes) for (const advice of rule.advice) keys.add(`advice.${advice}`);
  const labelled = [...pack.services, ...pack.crisis].flatMap((s) => [
    ...s.phones.map((p) => p.label),
    s.chat?.label,
    'web' in s ? s.web?.label : undefined,
  ]);
  for (const label of labelled) if (label) keys.add(label);
  return keys;
}

export function describeInput(input: RouteInput): string {
  const flags = Object.entries(input.flags)
    .filter(([, on]) => on)
    .map(([flag]) => flag);
  return `category ${input.category}, role ${input.role}, age ${input.ageBand}, flags [${flags.join(', ')}]`;
}

/** One line per category × role × age band, saying "any flags" when no flag combination is routed. */
function groupGaps(gaps: RouteInput[]): string[] {
  const groups = new Map<string, RouteInput[]>();
  for (const gap of gaps) {
    const key = `category ${gap.category}, role ${gap.role}, age ${gap.ageBand}`;
    groups.set(key, [...(groups.get(key) ?? []), gap]);
  }
  const allFlagSubsets = 2 ** URGENCY_FLAGS.length;
  return [...groups].flatMap(([key, inputs]) =>
    inputs.length === allFlagSubsets ? [`${key}, any flags`] : inputs.map(describeInput),
  );
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const v of values) (seen.has(v) ? dup : seen).add(v);
  return [...dup];
}
