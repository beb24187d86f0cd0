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
  { thing: 'rol: het overkwam de melder zelf', use: 'het gaat over mij', avoid: ['het gebeurde bij mij'] },
  {
    thing: 'bewijs dichtdoen met een pincode',
    use: 'op slot doen / openen',
    avoid: ['versleutelen', 'verzegelen'],
  },
];
