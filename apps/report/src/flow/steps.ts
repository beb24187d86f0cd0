import type { Screen } from '../nav.ts';

/** The report flow, one question per screen, in order. */
export const STEPS = [
  'what',
  'where',
  'who',
  'age',
  'danger',
  'story',
  'evidence',
  'contact',
  'review',
] as const satisfies readonly Screen[];
export type Step = (typeof STEPS)[number];

export function isStep(screen: Screen | undefined): screen is Step {
  return (STEPS as readonly string[]).includes(screen ?? '');
}

/** The step after this one; the crisis screen's "go on" uses it to return to the flow. */
export function stepAfter(screen: Screen | undefined): Step {
  const i = STEPS.indexOf(screen as Step);
  return STEPS[Math.min(i + 1, STEPS.length - 1)] ?? 'what';
}
