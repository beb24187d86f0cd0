import type { FieldUse } from './field-uses.ts';

/**
 * Where each field of the YAML files (not the texts) is used, found by reading the apps and the server:
 * a screen (`report: …`, `console: …`), a server behaviour (`server: …`), a rule of `pack check` itself
 * (`pack check: …`), or a note for whoever maintains the pack (`note: …`, shown nowhere by design).
 * `screens: []` means nothing reads the field: `pack check` warns when a pack sets it (unused-fields.ts).
 * `key` is the path inside the file with `[]` for any list item; a row covers everything beneath it.
 * Its test walks the JSON schema of every file, so a new field in schema.ts without a row here fails.
 */
const NOTE = 'note: where the detail was confirmed, for whoever checks the pack; shown nowhere by design';
const CHECK_NOTE = 'report: "check before you call" note';
/** The screens that list services with every way to reach them (contact-list.tsx). */
const CONTACTS = ['report: routes', 'report: help', 'report: own behaviour'];
const ZERO_LEAD_TIME_HOURS = 'pack check: a zero lead time (PT0S) needs opening hours';
/** A crisis line's channel: shown on its screen, its own hours only where they differ from the line's. */
const CRISIS_CHANNEL_HOURS = [
  "report: crisis (a channel's own hours, when they differ from the line's)",
  "pack check: a crisis line's hours must be confirmed",
];

const services = (key: string, screens: readonly string[]): FieldUse => ({
  file: 'services.yaml',
  key: `services[].${key}`,
  screens,
});
const crisis = (key: string, screens: readonly string[]): FieldUse => ({
  file: 'crisis.yaml',
  key: `lines[].${key}`,
  screens,
});
const meta = (key: string, screens: readonly string[]): FieldUse => ({ file: 'pack.yaml', key, screens });

export const PACK_FIELD_USES: readonly FieldUse[] = [
  meta('code', ['server: the country of every report, referral and signed recipient list']),
  meta('name', ["note: names the pack for people (pack check refuses the template's); no screen shows it"]),
  meta('version', ['server: stored on each report (which rules routed it)']),
  meta('timeZone', [
    'report: chat (when it opens)',
    'report: follow-up (dates)',
    'console: dates and deadlines',
  ]),
  meta('languages', ['report: language choice', 'pack check: which languages need every text']),
  meta('defaultLanguage', ['report: every screen (the language a missing text falls back to)']),
  meta('ageOfDigitalConsent', []),
  meta('shortNumberPattern', ['pack check: which numbers may be dialled without a country code']),
  meta('helpline.id', ['report: receipt (who helps next, besides the helpline)', 'console: referral']),
  meta('helpline.name', [
    'report: help',
    'report: receipt',
    'report: follow-up',
    'console: referral',
    'console: case (notice, export)',
    'console: chat',
  ]),
  meta('helpline.recipients', ['server: the keys reports are sealed to']),
  meta('helpline.trustAnchors', [
    'report: sending (only to a recipient list they signed)',
    'console: helpline key',
  ]),
  meta('helpline.anchorHandovers', ['report: sending (an installed app follows a key rotation)']),
  meta('branding.appName', ['report: every screen (top bar)', 'console: every screen']),
  meta('branding.logo', ['report: every screen (top bar)', 'console: every screen']),
  meta('branding.colours', ['report: every screen', 'console: every screen']),
  meta('branding.dark', ['report: every screen, dark mode', 'console: every screen, dark mode']),
  meta('branding.unverified', ['pack check: warns until the helpline approves the brand']),
  meta('retention.closedCaseDays', ['server: the retention job deletes closed cases after this many days']),
  meta('retention.legalHoldAllowed', ['console: case (legal hold)', 'server: legal hold']),
  meta('sla.firstContact', ['server: first-contact deadlines and the public statistics', 'console: queue']),
  meta('sla.remindBefore', ['server: the SLA reminder job']),
  meta('sla.urgentWhen', ['server: which reports are urgent (deadlines, statistics)']),
  meta('sla.urgentCategories', ['server: which reports are urgent (deadlines, statistics)']),
  meta('statusWorkflow', ['console: case (status changes)', 'server: allowed status changes']),
  meta('liveChat.hours', ['report: chat (when it opens)']),
  meta('liveChat.capacityPerCounsellor', ['server: when the chat queue is full']),
  meta('liveChat.offerMessageAfterMinutes', ['report: chat (offer to leave a message)']),
  meta('statistics.minCell', ['server: public statistics (smallest figure shown)']),
  meta('statistics.preventionPartners', ['server: prevention signals (docs/early-warnings.md)']),
  meta('rolePermissions', ['console: which controls a staff role sees', 'server: staff permissions']),
  meta('releaseKey', ['report: update check (signed builds)', 'server: published builds']),

  services('id', ['server: routing and referrals']),
  services('name', [...CONTACTS, 'report: receipt', 'console: referral']),
  services('kind', [...CONTACTS, 'server: a hotline gets the known-image hashes first']),
  services('phones[].number', [...CONTACTS]),
  services('phones[].display', [...CONTACTS]),
  services('phones[].label', [...CONTACTS]),
  services('phones[].hours', [...CONTACTS, ZERO_LEAD_TIME_HOURS]),
  services('phones[].free', [...CONTACTS]),
  services('phones[].ways', [...CONTACTS]),
  services('phones[].unverified', [CHECK_NOTE]),
  services('phones[].source', [NOTE]),
  services('chat.url', [...CONTACTS]),
  services('chat.label', [...CONTACTS]),
  services('chat.hours', [...CONTACTS, ZERO_LEAD_TIME_HOURS]),
  services('chat.unverified', [CHECK_NOTE]),
  services('chat.source', [NOTE]),
  services('web.url', [...CONTACTS]),
  services('web.label', [...CONTACTS]),
  services('web.hours', []),
  services('web.unverified', [CHECK_NOTE]),
  services('web.source', [NOTE]),
  services('messengers[].app', [...CONTACTS]),
  services('messengers[].url', [...CONTACTS]),
  services('messengers[].hours', [...CONTACTS]),
  services('messengers[].unverified', [CHECK_NOTE]),
  services('messengers[].source', [NOTE]),
  services('email.address', [...CONTACTS]),
  services('email.unverified', [CHECK_NOTE]),
  services('email.source', [NOTE]),
  services('languages', [...CONTACTS, 'report: receipt']),
  services('handles', ['report: routes', "pack check: a route outside the service's remit"]),
  services('audience', ['report: routes', 'report: help']),
  services('ageBands', ["pack check: a route outside the service's remit"]),
  services('anonymous', ['report: own behaviour']),
  services('ownBehaviour', ['report: own behaviour']),
  services('feedback', []),
  services('leadTimes.firstContact', [
    'report: routes',
    'report: follow-up',
    'server: referral deadlines and public statistics',
  ]),
  services('leadTimes.handover', ['console: referral', 'server: referral deadlines and public statistics']),
  services('connector', ['server: the warm referral (webhook or e-mail)']),
  services('unverified', [CHECK_NOTE]),

  crisis('id', ['report: crisis']),
  crisis('service', ['server: routing (the line comes first)', 'report: crisis']),
  crisis('name', ['report: crisis', 'console: chat']),
  crisis('phones[].number', ['report: crisis help (every screen)', 'report: crisis', 'console: chat']),
  crisis('phones[].display', ['report: crisis help (every screen)', 'report: crisis', 'console: chat']),
  crisis('phones[].label', ['report: crisis', 'console: chat']),
  crisis('phones[].hours', CRISIS_CHANNEL_HOURS),
  crisis('phones[].free', ['report: crisis']),
  crisis('phones[].ways', ['report: crisis']),
  crisis('phones[].unverified', [CHECK_NOTE]),
  crisis('phones[].source', [NOTE]),
  crisis('chat.url', ['report: crisis']),
  crisis('chat.label', ['report: crisis']),
  crisis('chat.hours', CRISIS_CHANNEL_HOURS),
  crisis('chat.unverified', [CHECK_NOTE]),
  crisis('chat.source', [NOTE]),
  crisis('languages', ['report: crisis']),
  crisis('hours', ['report: crisis']),
  crisis('when', [
    'server: routing (the line comes first)',
    'report: crisis help (every screen)',
    'console: chat',
  ]),
  crisis('unverified', [CHECK_NOTE]),
  crisis('source', [NOTE]),

  {
    file: 'platforms.yaml',
    key: 'platforms[].id',
    screens: ['report: platform guide', 'server: reports and notices'],
  },
  {
    file: 'platforms.yaml',
    key: 'platforms[].name',
    screens: ['report: platform guide', 'console: case (notice)'],
  },
  { file: 'platforms.yaml', key: 'platforms[].reportUrl', screens: ['report: platform guide'] },
  { file: 'platforms.yaml', key: 'platforms[].blockUrl', screens: ['report: platform guide'] },
  {
    file: 'platforms.yaml',
    key: 'platforms[].dsaContact',
    screens: ["server: relays the console's DSA notices"],
  },
  { file: 'platforms.yaml', key: 'platforms[].minimumAge', screens: ['report: platform guide'] },
  { file: 'platforms.yaml', key: 'platforms[].guide', screens: ['report: platform guide'] },
  {
    file: 'platforms.yaml',
    key: 'platforms[].unverified',
    screens: ['report: platform guide', 'console: case (notice)'],
  },
  {
    file: 'platforms.yaml',
    key: 'legalBasis',
    screens: ['report: platform guide (notice draft)', 'console: case (notice)'],
  },

  { file: 'routes.yaml', key: 'rules[].id', screens: ['pack check: names a rule no answer reaches'] },
  {
    file: 'routes.yaml',
    key: 'rules[].match',
    screens: ['server: routing', 'report: route advice', 'report: receipt', 'console: referral'],
  },
  {
    file: 'routes.yaml',
    key: 'rules[].services[].service',
    screens: ['server: routing', 'report: receipt', 'console: referral'],
  },
  {
    file: 'routes.yaml',
    key: 'rules[].services[].firstContact',
    screens: ["server: routing (this route's deadline)", 'report: receipt'],
  },
  {
    file: 'routes.yaml',
    key: 'rules[].services[].handover',
    screens: ["server: routing (this route's deadline)", 'console: referral'],
  },
  {
    file: 'routes.yaml',
    key: 'rules[].services[].outsideRemit',
    screens: ["pack check: allows a route outside the service's remit"],
  },
  { file: 'routes.yaml', key: 'rules[].advice', screens: ['report: route advice', 'report: receipt'] },

  { file: 'agreements.yaml', key: 'suggestions[].topic', screens: ['report: home agreements'] },
  { file: 'agreements.yaml', key: 'suggestions[].ageBands', screens: ['report: home agreements'] },
  { file: 'agreements.yaml', key: 'suggestions[].text', screens: ['report: home agreements'] },
  { file: 'agreements.yaml', key: 'suggestions[].unverified', screens: ['report: home agreements'] },
  { file: 'agreements.yaml', key: 'suggestions[].source', screens: [NOTE] },

  {
    file: 'federation.yaml',
    key: 'peers',
    screens: ['console: referral (to another country)', 'server: federation'],
  },
];
