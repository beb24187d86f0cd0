import type { Glossary } from './glossary.ts';

export const glossaryEn: Glossary = [
  { thing: 'screenshots, messages and links a child keeps', use: 'evidence', avoid: ['proof'] },
  {
    thing: 'intimate images',
    use: 'naked or sexual photos',
    avoid: ['sexy', 'nude', 'nudes', 'child porn', 'child pornography'],
  },
  { thing: 'the child’s own code to follow up', use: 'code', avoid: ['receipt code', 'ticket'] },
  { thing: 'what the phone makes from a picture', use: 'fingerprint', avoid: ['codes', 'hash', 'hashes'] },
  { thing: 'what a PIN or code is made of', use: 'numbers or letters; digits', avoid: ['signs'] },
  { thing: 'closing the evidence with a PIN', use: 'lock / open', avoid: ['encrypt', 'seal', 'sealed'] },
  { thing: 'people who help', use: 'helpline (or its own name)', avoid: ['hotline worker', 'agent'] },
];
