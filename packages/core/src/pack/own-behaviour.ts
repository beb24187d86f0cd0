import type { CategoryCode } from '../taxonomy.ts';
import type { Service } from './schema.ts';

/**
 * The three ways into help for someone worried about their own behaviour. None of them makes a report:
 * the screens show words, a pack page and whom to contact, and send nothing.
 */
export const OWN_BEHAVIOUR_PATHS = ['regret', 'might-do', 'make-it-right'] as const;
export type OwnBehaviourPath = (typeof OWN_BEHAVIOUR_PATHS)[number];

/** The pack page each path shows (pages/<lang>/<slug>.md, kind own-behaviour). */
export const OWN_BEHAVIOUR_PAGES: Readonly<Record<OwnBehaviourPath, string>> = {
  regret: 'worried-about-myself',
  'might-do': 'worried-about-myself',
  'make-it-right': 'make-it-right',
};

/** Bullying, as the taxonomy names it: what a service must take on to help someone make it right. */
const BULLYING: readonly CategoryCode[] = ['harassment', 'exclusion'];

type Listed = Pick<Service, 'ownBehaviour' | 'handles' | 'kind'>;

/**
 * The services a path lists, in the pack's order: those the pack marks `ownBehaviour`. Someone who bullied
 * and wants to make it right gets only those that take on bullying, so a line for sexual thoughts about
 * children (Stop it Now, which handles image-abuse and grooming) is not offered to a child who was mean
 * in a group chat.
 */
export function ownBehaviourServices<S extends Listed>(services: readonly S[], path: OwnBehaviourPath): S[] {
  return services.filter(
    (s) =>
      s.ownBehaviour === true &&
      s.kind !== 'platform' &&
      (path !== 'make-it-right' || s.handles.some((code) => BULLYING.includes(code))),
  );
}

/** Whether a pack offers this help at all: a service for it, or one of its pages. */
export function hasOwnBehaviourHelp(
  pack: { services: readonly Listed[]; pages: Readonly<Record<string, Readonly<Record<string, unknown>>>> },
  lang: string,
  defaultLanguage: string,
): boolean {
  const pages = { ...pack.pages[defaultLanguage], ...pack.pages[lang] };
  return (
    pack.services.some((s) => s.ownBehaviour === true && s.kind !== 'platform') ||
    Object.values(OWN_BEHAVIOUR_PAGES).some((slug) => slug in pages)
  );
}
