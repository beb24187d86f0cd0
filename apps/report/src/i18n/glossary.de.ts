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
  // "Wie geht es jetzt?" liest sich wie "Wie fühlst du dich?": nach dem Senden fragt das Kind, was passiert.
  { thing: 'nach dem Senden', use: 'Was passiert jetzt?', avoid: ['Wie geht es jetzt', 'Wie es weitergeht'] },
  { thing: 'die Hilfe, bei der die Meldung ankommt', use: 'Hilfeteam', avoid: ['Hilfe-Stelle'] },
];
