import type { Glossary } from './glossary.ts';

/**
 * Vlaams Nederlands: wat Vlaamse kinderen lezen (de app met de woorden van het BE-VL-pakket, en de
 * Nederlandse teksten en pagina's van dat pakket) gebruikt geen woorden die alleen in Nederland gangbaar
 * zijn. Bovenop de Nederlandse woordenlijst.
 */
export const glossaryNlBe: Glossary = [
  { thing: 'wie lesgeeft', use: 'leerkracht', avoid: ['leraar', 'lerares'] },
  { thing: 'iets dat pijn doet of bang maakt', use: 'lelijk, erg', avoid: ['nare', 'naars'] },
  { thing: 'het nummer bij gevaar', use: 'noodnummer', avoid: ['alarmnummer'] },
  { thing: 'wanneer een lijn open is', use: 'openingsuren', avoid: ['openingstijden'] },
];
