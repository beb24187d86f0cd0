import type { Glossary } from './glossary.ts';

export const glossaryDe: Glossary = [
  { thing: 'Screenshots, Nachrichten und Links, die ein Kind aufhebt', use: 'Beweise', avoid: ['Belege'] },
  { thing: 'intime Bilder', use: 'Nacktbilder oder sexuelle Fotos', avoid: ['sexy', 'Kinderpornos'] },
  { thing: 'was das Handy aus einem Bild macht', use: 'Fingerabdruck', avoid: ['Codes', 'Hash', 'Hashes'] },
  {
    thing: 'woraus eine PIN oder ein Code besteht',
    use: 'Ziffern oder Buchstaben',
    avoid: ['Zahlen', 'Zeichen'],
  },
  {
    thing: 'Beweise mit einer PIN schließen',
    use: 'verschließen / öffnen',
    avoid: ['verschlüsseln', 'versiegeln'],
  },
];
