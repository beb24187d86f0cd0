/**
 * Where each pack text appears: one table, read by `pack check` (a key no row matches is unused) and
 * printed as the table in docs/adapting-a-country.md (its test keeps the two equal).
 * In `key`, `<service>`, `<crisis>`, `<advice>` and `<audience>` stand for an id the pack defines
 * (services.yaml, crisis.yaml, the advice of routes.yaml, young/parent/school), `<label>` for a label a
 * phone, chat or web address of the pack names, and `*` for any rest of the key.
 */
import { PACK_FIELD_USES } from './structure-field-uses.ts';

export type FieldUse = { file: string; key: string; screens: readonly string[] };

export const FIELD_USES: readonly FieldUse[] = [
  { file: 'texts/<lang>.yaml', key: 'routeMap.<audience>.title', screens: ['report: routes'] },
  { file: 'texts/<lang>.yaml', key: 'routeMap.<audience>.intro', screens: ['report: routes'] },
  {
    file: 'texts/<lang>.yaml',
    key: 'services.<service>.description',
    screens: ['report: routes', 'report: help', 'report: own behaviour'],
  },
  { file: 'texts/<lang>.yaml', key: 'services.<service>.feedback', screens: ['report: routes'] },
  {
    file: 'texts/<lang>.yaml',
    key: 'crisis.<crisis>.description',
    screens: ['report: crisis help (every screen)', 'report: crisis'],
  },
  {
    file: 'texts/<lang>.yaml',
    key: '<label>',
    screens: ['report: crisis', 'report: routes', 'report: chat', 'report: own behaviour', 'console: chat'],
  },
  { file: 'texts/<lang>.yaml', key: 'advice.<advice>', screens: ['report: route advice'] },
  { file: 'texts/<lang>.yaml', key: 'checkCode.where', screens: ['report: help'] },
  { file: 'texts/<lang>.yaml', key: 'branding.greeting', screens: ['report: start'] },
  { file: 'texts/<lang>.yaml', key: 'app.*', screens: ['report: every screen (the pack words app texts)'] },
  { file: 'texts/<lang>.yaml', key: 'canned.*', screens: ['console: case (standard replies)'] },
  // The knowledge centre (issue 13): the page itself, and its front-matter fields.
  {
    file: 'pages/<lang>/<page>.md',
    key: '',
    screens: [
      'report: page (the knowledge centre)',
      'report: own behaviour (worried-about-myself, make-it-right)',
    ],
  },
  {
    file: 'pages/<lang>/<page>.md',
    key: 'summary',
    screens: ['report: help (knowledge centre list and search)', 'report: situation'],
  },
  { file: 'pages/<lang>/<page>.md', key: 'audiences', screens: ['report: help (knowledge centre sections)'] },
  {
    file: 'pages/<lang>/<page>.md',
    key: 'kind',
    screens: ['report: help (knowledge centre list)', 'report: situation'],
  },
  { file: 'pages/<lang>/<page>.md', key: 'categories', screens: ['report: situation (which pages)'] },
  { file: 'pages/<lang>/<page>.md', key: 'roles', screens: ['report: situation (which pages)'] },
  { file: 'pages/<lang>/<page>.md', key: 'unreviewed', screens: ['report: page (a note above it)'] },
];

/**
 * The picture of a reporter screen in docs/screens/fields/ (made by scripts/field-screens.ts), for the
 * screens the tables name; the tables link each screen to its picture.
 */
export const SCREEN_PICTURES: Readonly<Record<string, string>> = {
  'report: start': 'start.png',
  'report: crisis help (every screen)': 'start.png',
  'report: every screen': 'start.png',
  'report: language choice': 'start.png',
  'report: crisis': 'crisis.png',
  'report: routes': 'routes.png',
  'report: help': 'help.png',
  'report: route advice': 'advice.png',
  'report: receipt': 'receipt.png',
  'report: follow-up': 'follow.png',
  'report: chat': 'chat.png',
  'report: platform guide': 'platform-guide.png',
  'report: home agreements': 'agreements.png',
};

function whereCell(screens: readonly string[]): string {
  return screens
    .map((screen) => {
      const picture = SCREEN_PICTURES[screen.replace(/ \(.*\)$/, '')] ?? SCREEN_PICTURES[screen];
      return picture ? `[${screen}](screens/fields/${picture})` : screen;
    })
    .join('; ');
}

/**
 * The markdown tables of FIELD_USES (texts) and PACK_FIELD_USES (the YAML files), as they stand in
 * docs/adapting-a-country.md.
 */
export function fieldUsesTable(): string {
  const texts = FIELD_USES.map(
    (u) => `| \`${u.file}\` | ${u.key ? `\`${u.key}\`` : '(the page)'} | ${whereCell(u.screens)} |`,
  );
  const fields = PACK_FIELD_USES.map(
    (u) =>
      `| \`${u.file}\` | \`${u.key}\` | ${u.screens.length > 0 ? whereCell(u.screens) : '**unused**: pack check warns when a pack sets it'} |`,
  );
  return [
    '| file | field | where it appears |',
    '|---|---|---|',
    ...texts,
    '',
    '| file | field | where it is used |',
    '|---|---|---|',
    ...fields,
  ].join('\n');
}
