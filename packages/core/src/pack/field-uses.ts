/**
 * Where each pack text appears: one table, read by `pack check` (a key no row matches is unused) and
 * printed as the table in docs/adapting-a-country.md (its test keeps the two equal).
 * In `key`, `<service>`, `<crisis>`, `<advice>` and `<audience>` stand for an id the pack defines
 * (services.yaml, crisis.yaml, the advice of routes.yaml, young/parent/school), `<label>` for a label a
 * phone, chat or web address of the pack names, and `*` for any rest of the key.
 */
export type FieldUse = { file: string; key: string; screens: readonly string[] };

export const FIELD_USES: readonly FieldUse[] = [
  { file: 'texts/<lang>.yaml', key: 'routeMap.<audience>.title', screens: ['report: routes'] },
  { file: 'texts/<lang>.yaml', key: 'routeMap.<audience>.intro', screens: ['report: routes'] },
  {
    file: 'texts/<lang>.yaml',
    key: 'services.<service>.description',
    screens: ['report: routes', 'report: route advice', 'report: help', 'report: own behaviour'],
  },
  {
    file: 'texts/<lang>.yaml',
    key: 'services.<service>.feedback',
    screens: ['report: routes', 'report: receipt'],
  },
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
  // Not a text, but what decides where a service shows: the own-behaviour screens list only these.
  { file: 'services.yaml', key: 'ownBehaviour', screens: ['report: own behaviour'] },
];

/** The markdown table of FIELD_USES, as it stands in docs/adapting-a-country.md. */
export function fieldUsesTable(): string {
  const rows = FIELD_USES.map(
    (u) => `| \`${u.file}\` | ${u.key ? `\`${u.key}\`` : '(the page)'} | ${u.screens.join('; ')} |`,
  );
  return ['| file | field | where it appears |', '|---|---|---|', ...rows].join('\n');
}
