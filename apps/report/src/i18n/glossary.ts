/**
 * One term per thing, per language: the word the app and the packs use, and the words they must not
 * use for it (a synonym that confuses, or one that harms: "sexy" sexualises the child and hints at
 * consent). `glossary.test.ts` fails when a forbidden word appears in an app catalog or a pack text of
 * that language. A word is matched whole and without regard to case; a form that is not a word (the
 * French point médian) is matched anywhere.
 */
export interface Term {
  /** What the term names, for the reader of this file. */
  thing: string;
  /** The one word to use. */
  use: string;
  /** Words that must not appear in this language's texts. */
  avoid: readonly string[];
}

export type Glossary = readonly Term[];
