import type { Glossary } from './glossary.ts';

export const glossaryFr: Glossary = [
  {
    thing: 'captures, messages et liens gardés par l’enfant',
    use: 'preuves',
    avoid: ['pièces à conviction'],
  },
  {
    thing: 'images intimes',
    use: 'photos intimes ou sexuelles',
    avoid: ['sexy', 'photos nues', 'images nues', 'photos dénudées'],
  },
  { thing: 'ce que le téléphone fait d’une photo', use: 'empreinte', avoid: ['codes', 'hash'] },
  { thing: 'ce qui compose un code PIN', use: 'chiffres ou lettres', avoid: ['signes'] },
  { thing: 'rôle : c’est arrivé à la personne qui signale', use: 'Ça m’est arrivé', avoid: ['arrivé à moi'] },
  // Hard to read at ten: write a form that fits everyone ("Nous sommes là pour toi").
  { thing: 'écriture inclusive', use: 'une tournure sans genre', avoid: ['·'] },
  {
    thing: 'fermer les preuves avec un code',
    use: 'verrouiller / ouvrir',
    avoid: ['chiffrer', 'sceller', 'sous clé', 'protéger mes preuves', 'protéger tes preuves'],
  },
  // Une question simple, comme on la pose à un enfant de dix ans.
  { thing: 'questions', use: 'est-ce que …', avoid: ['Que puis-je', 'Pouvons-nous', 'as-tu'] },
  // La ligne d’aide parle d’elle-même avec « nous », jamais tantôt « on », tantôt « nous ».
  {
    thing: 'la ligne d’aide qui parle',
    use: 'nous',
    avoid: ['On peut t', 'On va', 'On attend', 'On l’enverra', 'On verrouille'],
  },
  { thing: 'une tournure pour tout le monde', use: 'tu n’as pas à vivre ça sans aide', avoid: ['pas seul'] },
];
