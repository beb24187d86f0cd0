import { z } from 'zod/mini';
import { countryCodeSchema, platformIdSchema, REPORT_STATES } from '../report-metadata.ts';
import { AGE_BANDS, CATEGORY_CODES, ROLES, URGENCY_FLAGS } from '../taxonomy.ts';
import { AGREEMENT_AGE_BANDS, AGREEMENT_TOPICS } from './agreement-topics.ts';
import { PAGE_AUDIENCES, PAGE_KINDS } from './pages.ts';

export {
  AGREEMENT_AGE_BANDS,
  AGREEMENT_TOPICS,
  type AgreementAgeBand,
  type AgreementTopic,
} from './agreement-topics.ts';
export { GUIDE_ACTIONS, type GuideAction } from './guide-actions.ts';

import { releaseKeySchema } from './release-key.ts';

/**
 * The country pack: everything a member state changes without touching code (DESIGN.md, "Country
 * packs"). A pack is a folder of YAML and Markdown files; the server and the CLI read the files and
 * hand the parsed object to these schemas. Cross-file rules (every route target exists, every string
 * is translated, every combination is routed) live in check.ts because zod checks one value at a time.
 */

/** Stable identifiers inside a pack: services, crisis lines, advice, rules, pages. */
export const packIdSchema = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,47}$/));

/**
 * Lead times as ISO 8601 durations limited to days, hours, minutes and seconds: months and years have no
 * fixed length, so a deadline computed from them would drift.
 */
export const leadTimeSchema = z
  .string()
  .check(
    z.regex(
      /^P(?=\d|T\d)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/,
      'an ISO 8601 duration in days, hours, minutes or seconds, e.g. PT24H or P3D',
    ),
  );

const languageCodeSchema = z.string().check(z.regex(/^[a-z]{2,3}(-[A-Z]{2})?$/));
const colourSchema = z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/, 'a colour as #rrggbb'));
const brandColoursSchema = z.strictObject({
  primary: colourSchema,
  onPrimary: colourSchema,
  background: colourSchema,
  text: colourSchema,
  accent: colourSchema,
});
const httpsUrlSchema = z.string().check(z.regex(/^https:\/\/[^\s]+$/, 'an https:// address'));
/** A key into texts/<lang>.yaml, dotted (e.g. `phones.chat-hours`). */
const textKeySchema = z.string().check(z.regex(/^[a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)*$/));

/** Days of the week as used in opening hours; times are local to the pack's time zone. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const timeOfDaySchema = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time as HH:MM'));
export const openingHoursSchema = z.union([
  z.literal('always'),
  z.array(
    z.strictObject({
      days: z.array(z.enum(WEEKDAYS)).check(z.minLength(1)),
      open: timeOfDaySchema,
      close: timeOfDaySchema,
    }),
  ),
]);
export type OpeningHours = z.infer<typeof openingHoursSchema>;

/**
 * `unverified: true` marks a detail nobody could confirm from a source. `pack check` lists these for the
 * administrator and fails a pack whose crisis-line hours are unverified (check.ts); the reporter app shows
 * every other unverified detail with a visible "check before you call" note, or leaves it out (a lead
 * time), never as fact. Never invent silently: say where a confirmed fact came from in a `source` note.
 */
const unverifiedSchema = z.optional(z.boolean());

export const phoneSchema = z.strictObject({
  /** What to dial: E.164 (`+31800…`) or a short national number matching `pack.yaml` `shortNumberPattern`. */
  number: z.string().check(z.minLength(2), z.maxLength(20)),
  /** How people know the number (`0800-0432`); defaults to `number`. */
  display: z.optional(z.string().check(z.maxLength(30))),
  /** A texts key naming what this number is for, e.g. `phones.emergency`. */
  label: z.optional(textKeySchema),
  hours: z.optional(openingHoursSchema),
  free: z.optional(z.boolean()),
  /** How the number is used: a call (the default), a text message (SMS), or both. */
  ways: z.optional(z.array(z.enum(['call', 'text'])).check(z.minLength(1))),
  unverified: unverifiedSchema,
  /** Where the number and hours were confirmed (organisation's website, date). */
  source: z.optional(z.string().check(z.minLength(1), z.maxLength(300))),
});
export type Phone = z.infer<typeof phoneSchema>;

/** Messaging apps a service answers on; the app opens the service's own https link to them. */
export const MESSENGER_APPS = ['whatsapp', 'signal', 'telegram', 'messenger', 'discord'] as const;
export const messengerSchema = z.strictObject({
  app: z.enum(MESSENGER_APPS),
  url: httpsUrlSchema,
  hours: z.optional(openingHoursSchema),
  unverified: unverifiedSchema,
  source: z.optional(z.string().check(z.minLength(1), z.maxLength(300))),
});
export type Messenger = z.infer<typeof messengerSchema>;

export const emailContactSchema = z.strictObject({
  address: z.string().check(z.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'an e-mail address')),
  unverified: unverifiedSchema,
  source: z.optional(z.string().check(z.minLength(1), z.maxLength(300))),
});

export const linkSchema = z.strictObject({
  url: httpsUrlSchema,
  label: z.optional(textKeySchema),
  hours: z.optional(openingHoursSchema),
  unverified: unverifiedSchema,
  /** Where the address and hours were confirmed (organisation's website, date). */
  source: z.optional(z.string().check(z.minLength(1), z.maxLength(300))),
});
export type Link = z.infer<typeof linkSchema>;

export const SERVICE_KINDS = [
  'helpline',
  'hotline',
  'police',
  'crisis',
  'school',
  'platform',
  'other',
] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];
export const AUDIENCES = ['young', 'parent', 'school'] as const;
export type Audience = (typeof AUDIENCES)[number];
/** What a service tells the reporter back after a hand-over. */
export const FEEDBACK_KINDS = ['none', 'acknowledgement', 'outcome', 'ongoing-contact'] as const;

export const leadTimesSchema = z.strictObject({
  /** Target from hand-over (or from the reporter's own call) to the first human contact by this service. */
  firstContact: leadTimeSchema,
  /** Target for the helpline to complete a warm hand-over to this service. */
  handover: leadTimeSchema,
});
export type LeadTimes = z.infer<typeof leadTimesSchema>;

/** An age X25519 public key (`age1…`). */
export const ageRecipientSchema = z.string().check(z.regex(/^age1[0-9a-z]{58}$/, 'an age recipient (age1…)'));

/**
 * Connectors carry no secrets: a webhook's signing key is read from the environment variable named here.
 * `recipient` is the partner's own age public key: the console seals what it hands over to it, so only the
 * partner opens it. Optional in the schema so a pack names the missing key in `pack check` (check.ts).
 */
export const connectorSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('none') }),
  z.strictObject({
    type: z.literal('webhook'),
    url: z.string().check(z.regex(/^https?:\/\/[^\s]+$/)),
    secretEnv: z.string().check(z.regex(/^[A-Z][A-Z0-9_]*$/, 'an environment variable name')),
    recipient: z.optional(ageRecipientSchema),
  }),
  z.strictObject({
    type: z.literal('email'),
    to: z.string().check(z.regex(/^[^\s@]+@[^\s@]+$/, 'an e-mail address')),
    recipient: z.optional(ageRecipientSchema),
  }),
]);
export type Connector = z.infer<typeof connectorSchema>;

/**
 * Another member state's Vangnet instance this one hands cases to and takes cases from (federation.yaml;
 * docs/federation.md). The receiving side trusts a referral only when it is signed with `publicKey`, and the
 * sending console seals the hand-over to `recipient`, so neither server can read it.
 */
export const federationPeerSchema = z.strictObject({
  /** Names the peer in referrals (as a service id would); not one of services.yaml's ids. */
  id: packIdSchema,
  country: countryCodeSchema,
  /** The receiving helpline's name, as the console shows it (`Child Focus`). */
  helplineName: z.string().check(z.minLength(1), z.maxLength(100)),
  /** The peer's base address (`https://vangnet.example.be`); `pack check` allows http only on loopback. */
  url: z.string().check(z.regex(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, 'an https:// address')),
  /** The peer server's Ed25519 signing key (hex), as its `GET /api/v1/config` shows it. */
  publicKey: z.string().check(z.regex(/^[0-9a-f]{64}$/, 'an Ed25519 public key (64 hex digits)')),
  /** The receiving helpline's age recipient: what the console seals a hand-over to. */
  recipient: ageRecipientSchema,
  /** What the peer helpline agreed: first contact after the hand-over, and the hand-over itself. */
  leadTimes: leadTimesSchema,
});
export type FederationPeer = z.infer<typeof federationPeerSchema>;
export const federationFileSchema = z.strictObject({ peers: z.array(federationPeerSchema) });

export const serviceSchema = z.strictObject({
  id: packIdSchema,
  /** A proper name, the same in every language; descriptions are in texts (`services.<id>.*`). */
  name: z.string().check(z.minLength(1), z.maxLength(100)),
  kind: z.enum(SERVICE_KINDS),
  phones: z._default(z.array(phoneSchema), []),
  chat: z.optional(linkSchema),
  web: z.optional(linkSchema),
  /** Messaging apps (WhatsApp, Signal, …) the service answers on. */
  messengers: z.optional(z.array(messengerSchema)),
  /** An e-mail address the public may write to (not the referral connector's). */
  email: z.optional(emailContactSchema),
  /**
   * Languages the line answers in (`[nl]`), when that is not every language of the pack: the app then says
   * so to a reader of another language ("(in Dutch)") instead of letting them call and not be understood.
   * Omitted: not stated.
   */
  languages: z.optional(z.array(languageCodeSchema).check(z.minLength(1))),
  /** Category codes this organisation takes on. */
  handles: z.array(z.enum(CATEGORY_CODES)).check(z.minLength(1)),
  audience: z.array(z.enum(AUDIENCES)).check(z.minLength(1)),
  /** Ages the service is for, as age bands; omitted means everyone. */
  ageBands: z.optional(z.array(z.enum(AGE_BANDS))),
  anonymous: z.optional(z.boolean()),
  /**
   * Also for someone worried about their own behaviour ("I did something online I regret", "I'm worried
   * about what I might do", "I bullied someone"): the reporter app lists it on those screens, which send
   * nothing. A field of its own, not an `audience`: audiences are the route map's views, and such a
   * service (Stop it Now) stays off a child's help list.
   */
  ownBehaviour: z.optional(z.boolean()),
  /**
   * What the service tells the reporter back, as a kind. No screen reads it (the app shows the worded
   * `services.<id>.feedback` text), so it is optional and `pack check` says so when a pack sets it.
   */
  feedback: z.optional(z.enum(FEEDBACK_KINDS)),
  leadTimes: leadTimesSchema,
  connector: z._default(connectorSchema, { type: 'none' }),
  /** Whole-service details nobody confirmed (names of fields, e.g. `[hours, leadTimes]`). */
  unverified: z.optional(z.array(z.string())),
});
export type Service = z.infer<typeof serviceSchema>;

export const servicesFileSchema = z.strictObject({ services: z.array(serviceSchema).check(z.minLength(1)) });

/** Which answers make a crisis line come first. */
export const crisisTriggerSchema = z.strictObject({
  flags: z._default(z.array(z.enum(URGENCY_FLAGS)), []),
  categories: z._default(z.array(z.enum(CATEGORY_CODES)), []),
});

export const crisisLineSchema = z.strictObject({
  id: packIdSchema,
  /** The service that answers; routing puts it first when a trigger matches. */
  service: packIdSchema,
  name: z.string().check(z.minLength(1), z.maxLength(100)),
  phones: z.array(phoneSchema).check(z.minLength(1)),
  chat: z.optional(linkSchema),
  /** Languages the line answers in, as for a service; omitted: not stated. */
  languages: z.optional(z.array(languageCodeSchema).check(z.minLength(1))),
  /**
   * Required (and confirmed) for a line with a trigger; a line that is only shown (`when: {}`) may leave
   * it out when nobody could confirm it, and the app then asks the reader to check before calling.
   */
  hours: z.optional(openingHoursSchema),
  when: crisisTriggerSchema,
  unverified: unverifiedSchema,
  /** Where the line's details were confirmed (organisation's website, date). */
  source: z.optional(z.string().check(z.minLength(1), z.maxLength(300))),
});
export type CrisisLine = z.infer<typeof crisisLineSchema>;
/** Listed in the order the offline screen shows them. */
export const crisisFileSchema = z.strictObject({ lines: z.array(crisisLineSchema).check(z.minLength(1)) });

/** Steps per language code: a few short sentences each. */
const guideStepsSchema = z.record(
  languageCodeSchema,
  z.array(z.string().check(z.minLength(1), z.maxLength(200))).check(z.minLength(1), z.maxLength(8)),
);

export const platformSchema = z.strictObject({
  id: platformIdSchema,
  name: z.string().check(z.minLength(1), z.maxLength(100)),
  /** Where a user reports content or an account. */
  reportUrl: z.optional(httpsUrlSchema),
  /** How to block or mute someone. */
  blockUrl: z.optional(httpsUrlSchema),
  /**
   * Where notices go (DSA Art. 16, and Art. 22 from a trusted flagger): an e-mail address the console's
   * notices are relayed to, or an https endpoint they are posted to. `pack check` wants one of the two.
   */
  dsaContact: z.optional(
    z.strictObject({
      url: z.optional(httpsUrlSchema),
      email: z.optional(z.string().check(z.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'an e-mail address'))),
      unverified: unverifiedSchema,
      source: z.optional(z.string().check(z.minLength(1), z.maxLength(300))),
    }),
  ),
  /** The minimum age in the platform's own terms. */
  minimumAge: z.optional(z.int().check(z.gte(0), z.lte(21))),
  /**
   * Short steps for a ten-year-old, per action, per language: every complete language of the pack has
   * them for every action listed (check.ts). Shown with a "check" note while `unverified`.
   */
  guide: z.optional(
    z.strictObject({
      block: z.optional(guideStepsSchema),
      mute: z.optional(guideStepsSchema),
      report: z.optional(guideStepsSchema),
      private: z.optional(guideStepsSchema),
    }),
  ),
  unverified: unverifiedSchema,
});
export type Platform = z.infer<typeof platformSchema>;

/**
 * Which national law a category of report may break, for the legal basis of a DSA notice drafted on the
 * device. `minorsOnly`: the article is about children (e.g. child sexual abuse images). A lawyer has to
 * confirm each entry; until then it is `unverified` and the notice says "possibly".
 */
export const legalBasisSchema = z.strictObject({
  categories: z.array(z.enum(CATEGORY_CODES)).check(z.minLength(1)),
  law: z.string().check(z.minLength(1), z.maxLength(120)),
  articles: z.array(z.string().check(z.minLength(1), z.maxLength(40))).check(z.minLength(1)),
  minorsOnly: z.optional(z.boolean()),
  unverified: unverifiedSchema,
});
export type LegalBasis = z.infer<typeof legalBasisSchema>;
export const platformsFileSchema = z.strictObject({
  platforms: z.array(platformSchema),
  legalBasis: z.optional(z.array(legalBasisSchema)),
});

/**
 * Home agreements (the Dutch "thuisafspraken"): ideas a parent and child pick from when they write their
 * own agreements in the app, per topic and per age band of the child. Ideas written by the helpline's
 * own people: until one of them has read and approved an idea it stays `unverified` (pack check lists
 * it; the app says the ideas are not checked yet). The agreements a family makes never leave the device.
 */
export const agreementSuggestionSchema = z.strictObject({
  topic: z.enum(AGREEMENT_TOPICS),
  ageBands: z.array(z.enum(AGREEMENT_AGE_BANDS)).check(z.minLength(1)),
  /** One short sentence per language, written as "we" (the family agrees together). */
  text: z.record(languageCodeSchema, z.string().check(z.minLength(1), z.maxLength(200))),
  unverified: unverifiedSchema,
  /** Who approved it, or where it comes from. */
  source: z.optional(z.string().check(z.minLength(1), z.maxLength(300))),
});
export type AgreementSuggestion = z.infer<typeof agreementSuggestionSchema>;
export const agreementsFileSchema = z.strictObject({
  suggestions: z.array(agreementSuggestionSchema).check(z.minLength(1)),
});

/**
 * A rule matches when every listed dimension contains the report's value; an omitted dimension matches
 * anything. `flags` lists flags that must be set, `withoutFlags` flags that must not be. The first
 * matching rule wins (routing/route-report.ts).
 */
export const routeMatchSchema = z.strictObject({
  categories: z.optional(z.array(z.enum(CATEGORY_CODES)).check(z.minLength(1))),
  roles: z.optional(z.array(z.enum(ROLES)).check(z.minLength(1))),
  ageBands: z.optional(z.array(z.enum(AGE_BANDS)).check(z.minLength(1))),
  /** Flags the report must have set, written as everywhere else in a pack: `[danger, selfHarm]`. */
  flags: z.optional(z.array(z.enum(URGENCY_FLAGS)).check(z.minLength(1))),
  /** Flags the report must not have set (rarely needed: an earlier rule usually catches them). */
  withoutFlags: z.optional(z.array(z.enum(URGENCY_FLAGS)).check(z.minLength(1))),
});
export type RouteMatch = z.infer<typeof routeMatchSchema>;

export const routeTargetSchema = z.strictObject({
  service: packIdSchema,
  /** Overrides the service's own lead times for this route. */
  firstContact: z.optional(leadTimeSchema),
  handover: z.optional(leadTimeSchema),
  /**
   * Why this rule may send reports the service does not list in its `handles` or `ageBands` (pack check
   * refuses that otherwise: an adult sent to a children's line, sextortion to an education site).
   */
  outsideRemit: z.optional(z.string().check(z.minLength(10), z.maxLength(300))),
});

export const routeRuleSchema = z.strictObject({
  id: packIdSchema,
  match: routeMatchSchema,
  services: z.array(routeTargetSchema).check(z.minLength(1)),
  /** Advice ids; each has a text `advice.<id>` in every complete language. */
  advice: z._default(z.array(packIdSchema), []),
});
export type RouteRule = z.infer<typeof routeRuleSchema>;
export const routesFileSchema = z.strictObject({ rules: z.array(routeRuleSchema).check(z.minLength(1)) });

/** Fields a status change must carry, e.g. a referral names the service and records consent. */
export const TRANSITION_FIELDS = ['serviceId', 'consent', 'reason', 'outcome'] as const;
export const transitionSchema = z.strictObject({
  from: z.array(z.enum(REPORT_STATES)).check(z.minLength(1)),
  to: z.enum(REPORT_STATES),
  requires: z._default(z.array(z.enum(TRANSITION_FIELDS)), []),
});
export type Transition = z.infer<typeof transitionSchema>;

export const STAFF_ROLES = ['caseworker', 'supervisor', 'admin', 'analyst'] as const;

export const packMetaSchema = z.strictObject({
  code: countryCodeSchema,
  name: z.string().check(z.minLength(1), z.maxLength(100)),
  /** Stored on each report, so a case shows which rules it was routed by. */
  version: z.string().check(z.regex(/^\d+\.\d+\.\d+$/, 'a version like 2026.11.0')),
  /** IANA time zone for opening hours. */
  timeZone: z.string().check(z.minLength(3)),
  languages: z
    .array(z.strictObject({ code: languageCodeSchema, complete: z.boolean() }))
    .check(z.minLength(1)),
  defaultLanguage: languageCodeSchema,
  /**
   * GDPR Art. 8 age in this member state (13–16). Nothing reads it yet (no consent step depends on it), so
   * it is optional and `pack check` says so when a pack sets it.
   */
  ageOfDigitalConsent: z.optional(z.number().check(z.int(), z.gte(13), z.lte(16))),
  /** Short numbers dialled without a country code (112, 113, 1712); other numbers must be E.164. */
  shortNumberPattern: z.string().check(z.minLength(1)),
  helpline: z.strictObject({
    /** The service in services.yaml that runs this instance. */
    id: packIdSchema,
    name: z.string().check(z.minLength(1)),
    /** age recipients pinned in the pack (DESIGN.md trust model); optional until signed packs ship. */
    recipients: z.optional(z.array(z.string().check(z.regex(/^age1[0-9a-z]{58}$/)))),
    /**
     * Ed25519 public keys (hex) that may sign the helpline's recipient list. The apps seal only to a
     * list one of them signed; an installed app pins them (packages/crypto/src/recipient-list.ts).
     */
    trustAnchors: z.optional(z.array(z.string().check(z.regex(/^[0-9a-f]{64}$/))).check(z.maxLength(8))),
    /**
     * Signed hand-overs from earlier anchors to these (`AnchorHandover`), oldest first, so an installed
     * app that pinned an older anchor can follow a rotation. Checked by the apps, not trusted here.
     */
    anchorHandovers: z.optional(
      z
        .array(
          z.strictObject({
            statement: z.strictObject({
              kind: z.literal('vangnet.anchor-handover'),
              version: z.literal(1),
              country: z.string(),
              from: z.array(z.string().check(z.regex(/^[0-9a-f]{64}$/))),
              to: z.array(z.string().check(z.regex(/^[0-9a-f]{64}$/))),
            }),
            signature: z.string().check(z.regex(/^[0-9a-f]{128}$/)),
            signedBy: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
          }),
        )
        .check(z.maxLength(32)),
    ),
  }),
  branding: z.strictObject({
    /** The service's name as children know it (the helpline's, e.g. Helpwanted, 1712). */
    appName: z.string().check(z.minLength(1), z.maxLength(40)),
    /** The logo as SVG markup, inline: no file to fetch, nothing third-party. `pack check` rejects scripts and outside links. */
    logo: z.optional(z.string().check(z.minLength(1), z.maxLength(8000))),
    colours: brandColoursSchema,
    /** The brand in dark mode; absent: the design system's own dark colours. */
    dark: z.optional(brandColoursSchema),
    /** Not yet approved by the helpline: pack check warns until someone there confirms it. */
    unverified: z.optional(z.boolean()),
  }),
  retention: z.strictObject({
    closedCaseDays: z.number().check(z.int(), z.gte(1), z.lte(3650)),
    legalHoldAllowed: z.boolean(),
  }),
  sla: z.strictObject({
    /** The helpline's own first human contact (seed 004: "binnen 24 uur menselijk contact"). */
    firstContact: z.strictObject({ default: leadTimeSchema, urgent: leadTimeSchema }),
    /** A reminder goes out this long before a target is missed. */
    remindBefore: leadTimeSchema,
    /** Flags that make a report urgent. */
    urgentWhen: z.array(z.enum(URGENCY_FLAGS)).check(z.minLength(1)),
    /** Categories that are urgent whatever the flags say (e.g. self-harm). */
    urgentCategories: z._default(z.array(z.enum(CATEGORY_CODES)), []),
  }),
  statusWorkflow: z.strictObject({ transitions: z.array(transitionSchema).check(z.minLength(1)) }),
  /**
   * Live chat with a counsellor (issue 16). Absent: the chat makes no promise of hours and is offered
   * whenever the app can reach the server; the queue says how long the wait is.
   */
  liveChat: z.optional(
    z.strictObject({
      /** When counsellors answer chats, in the pack's time zone. */
      hours: openingHoursSchema,
      /** Chats one counsellor holds at once; the queue is full at this times the counsellors online. */
      capacityPerCounsellor: z.number().check(z.int(), z.gte(1), z.lte(10)),
      /** After this long in the queue the child is offered to leave a message (a report) instead. */
      offerMessageAfterMinutes: z.number().check(z.int(), z.gte(1), z.lte(120)),
    }),
  ),
  /** Public figures (docs/public-statistics.md): no figure from fewer than `minCell` reports (k, default 10). */
  statistics: z.optional(
    z.strictObject({
      minCell: z.number().check(z.int(), z.gte(5), z.lte(100)),
      /**
       * Who receives a prevention signal when a supervisor releases a flagged rise (docs/early-warnings.md):
       * schools, educators, a knowledge centre. Same connectors as referrals; a signal holds figures only.
       */
      preventionPartners: z.optional(
        z.array(
          z.strictObject({
            id: packIdSchema,
            name: z.string().check(z.minLength(1), z.maxLength(100)),
            connector: connectorSchema,
          }),
        ),
      ),
    }),
  ),
  rolePermissions: z.optional(z.partialRecord(z.enum(STAFF_ROLES), z.array(z.string()))),
  /** Signs the app builds this helpline serves (release-key.ts); without it, updates go unchecked. */
  releaseKey: z.optional(releaseKeySchema),
});
export type PackMeta = z.infer<typeof packMetaSchema>;

/** A texts file: nested maps of strings, flattened to dotted keys when loaded. */
export type TextTree = { [key: string]: string | TextTree };
export const textTreeSchema: z.ZodMiniType<TextTree> = z.record(
  z.string().check(z.regex(/^[a-zA-Z0-9-]+$/)),
  z.union([z.string(), z.lazy(() => textTreeSchema)]),
);

/** A page's YAML front-matter (docs/adapting-a-country.md section 7): who it is for and what it helps with. */
export const pageFrontMatterSchema = z.strictObject({
  audiences: z.array(z.enum(PAGE_AUDIENCES)).check(z.minLength(1)),
  kind: z.enum(PAGE_KINDS),
  /** One short sentence, shown in the list and searched. */
  summary: z.string().check(z.minLength(1), z.maxLength(200)),
  /** Taxonomy categories the page helps with: "What can I do?" offers it for these. */
  categories: z.optional(z.array(z.enum(CATEGORY_CODES)).check(z.minLength(1))),
  /** Report roles the page is for: "What can I do?" offers it to them. */
  roles: z.optional(z.array(z.enum(ROLES)).check(z.minLength(1))),
  /** A translation nobody has reviewed yet: the app says so above the page. */
  unreviewed: z.optional(z.boolean()),
});
export type PageFrontMatter = z.infer<typeof pageFrontMatterSchema>;

/** The shape a page's front-matter takes, quoted in pack check's errors. */
export const PAGE_FRONT_MATTER_EXAMPLE = `---
audiences: [young]        # one or more of: ${PAGE_AUDIENCES.join(', ')}
kind: guide               # one of: ${PAGE_KINDS.join(', ')}
summary: One short sentence for the list.
categories: [harassment]  # optional: category codes
roles: [self]             # optional: ${ROLES.join(', ')}
---`;

export const pageSchema = z.strictObject({
  /** The first `# ` heading of the Markdown file. */
  title: z.string().check(z.minLength(1)),
  /** The Markdown after the front-matter, `# Title` line included. */
  markdown: z.string(),
  ...pageFrontMatterSchema.shape,
});
export type Page = z.infer<typeof pageSchema>;

/** The whole pack as one value, after the files are read; `texts` is flattened per language. */
export const countryPackSchema = z.strictObject({
  meta: packMetaSchema,
  services: z.array(serviceSchema),
  crisis: z.array(crisisLineSchema),
  platforms: z.array(platformSchema),
  legalBasis: z.optional(z.array(legalBasisSchema)),
  routes: z.array(routeRuleSchema),
  /** From the optional agreements.yaml; without it the app does not offer the home-agreements tool. */
  agreements: z.optional(z.array(agreementSuggestionSchema)),
  /** From the optional federation.yaml: peer instances in other member states. */
  federation: z.optional(z.array(federationPeerSchema)),
  texts: z.record(languageCodeSchema, z.record(z.string(), z.string())),
  pages: z.record(languageCodeSchema, z.record(packIdSchema, pageSchema)),
});
export type CountryPack = z.infer<typeof countryPackSchema>;

/** Which file of a pack folder each part comes from, so a problem names the file an administrator edits. */
export const PACK_FILES = {
  meta: { file: 'pack.yaml', schema: packMetaSchema },
  services: { file: 'services.yaml', schema: servicesFileSchema },
  crisis: { file: 'crisis.yaml', schema: crisisFileSchema },
  platforms: { file: 'platforms.yaml', schema: platformsFileSchema },
  routes: { file: 'routes.yaml', schema: routesFileSchema },
  agreements: { file: 'agreements.yaml', schema: agreementsFileSchema, optional: true },
  federation: { file: 'federation.yaml', schema: federationFileSchema, optional: true },
} as const;

/** JSON Schema of each file, for editors and `vangnet pack schema`. */
export function packJsonSchemas(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { file, schema } of Object.values(PACK_FILES)) {
    out[file] = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  }
  out['texts/<lang>.yaml'] = {
    type: 'object',
    additionalProperties: { anyOf: [{ type: 'string' }, { $ref: '#' }] },
  };
  return out;
}
