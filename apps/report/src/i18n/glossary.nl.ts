import type { Glossary } from './glossary.ts';

export const glossaryNl: Glossary = [
  {
    thing: 'screenshots, berichten en links die een kind bewaart',
    use: 'bewijs',
    avoid: ['bewijsmateriaal'],
  },
  {
    thing: 'intieme beelden',
    use: 'naaktfoto’s of seksuele foto’s',
    avoid: ['sexy', 'seksfoto', 'seksfoto’s'],
  },
  { thing: 'wat de telefoon van een foto maakt', use: 'vingerafdruk', avoid: ['codes', 'hash', 'hashes'] },
  { thing: 'waar een pincode of code uit bestaat', use: 'cijfers of letters', avoid: ['tekens'] },
  {
    thing: 'over wie de melding gaat (bij = op de plaats van)',
    use: 'het gaat over mij / over wie het gaat',
    avoid: ['het gebeurde bij', 'bij wie het gebeurde'],
  },
  {
    thing: 'bewijs dichtdoen met een pincode',
    use: 'op slot doen / openen',
    avoid: ['versleutelen', 'verzegelen'],
  },
];
