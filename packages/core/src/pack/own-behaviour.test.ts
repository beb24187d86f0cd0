import { describe, expect, it } from 'vitest';
import type { CategoryCode } from '../taxonomy.ts';
import { hasOwnBehaviourHelp, type OwnBehaviourPath, ownBehaviourServices } from './own-behaviour.ts';
import type { ServiceKind } from './schema.ts';

const service = (id: string, kind: ServiceKind, handles: CategoryCode[], ownBehaviour?: boolean) => ({
  id,
  kind,
  handles,
  ...(ownBehaviour === undefined ? {} : { ownBehaviour }),
});

const services = [
  service('childline', 'helpline', ['harassment', 'exclusion', 'grooming', 'other'], true),
  service('victim-help', 'helpline', ['harassment', 'threats']),
  service('stop-it-now', 'other', ['image-abuse', 'grooming'], true),
  service('not-marked', 'other', ['harassment'], false),
  service('exclusion-only', 'school', ['exclusion'], true),
  service('a-platform', 'platform', ['harassment'], true),
];

describe('ownBehaviourServices', () => {
  it.each<[OwnBehaviourPath, string[]]>([
    ['regret', ['childline', 'stop-it-now', 'exclusion-only']],
    ['might-do', ['childline', 'stop-it-now', 'exclusion-only']],
    // Stop it Now takes on no bullying: not offered to a child who wants to make it right.
    ['make-it-right', ['childline', 'exclusion-only']],
  ])('%s lists %j, in the pack order', (path, ids) => {
    expect(ownBehaviourServices(services, path).map((s) => s.id)).toEqual(ids);
  });

  it('lists nothing when the pack marks no service', () => {
    expect(ownBehaviourServices([service('x', 'helpline', ['harassment'])], 'regret')).toEqual([]);
  });
});

describe('hasOwnBehaviourHelp', () => {
  const unmarked = [service('x', 'helpline', ['harassment'])];
  it.each([
    ['a marked service', { services, pages: {} }, true],
    ['only a platform marked', { services: [services[5]!], pages: {} }, false],
    ['a page in the reader’s language', { services: unmarked, pages: { en: { 'make-it-right': {} } } }, true],
    [
      'a page in the default language',
      { services: unmarked, pages: { nl: { 'worried-about-myself': {} } } },
      true,
    ],
    ['other pages only', { services: unmarked, pages: { en: { 'what-can-i-do': {} } } }, false],
  ])('%s: %s', (_, pack, expected) => {
    expect(hasOwnBehaviourHelp(pack, 'en', 'nl')).toBe(expected);
  });
});
