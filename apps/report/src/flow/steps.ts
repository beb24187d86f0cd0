import { AGE_BANDS, type AgeBand, type Role } from '@vangnet/core/taxonomy';
import type { Screen } from '../nav.ts';

/**
 * The report flow, one question per screen, in order. "Who are you?" comes first: every later question
 * is worded for the reporter's role ("What happened to your child?"), so the role must be known first.
 */
export const STEPS = [
  'who',
  'what',
  'where',
  'age',
  'danger',
  'story',
  'evidence',
  'contact',
  'review',
] as const satisfies readonly Screen[];
export type Step = (typeof STEPS)[number];

/** The first question of a new report. */
export const FIRST_STEP: Step = STEPS[0];

export function isStep(screen: Screen | undefined): screen is Step {
  return (STEPS as readonly string[]).includes(screen ?? '');
}

/** The steps this reporter is asked: an adult reporting about themselves is not asked a child's age band. */
export function stepsFor(role: Role | undefined): readonly Step[] {
  return role === 'adult' ? STEPS.filter((s) => s !== 'age') : STEPS;
}

/** The step after this one for this role; the crisis screen's "go on" uses it to return to the flow. */
export function stepAfter(screen: Screen | undefined, role?: Role): Step {
  const from = STEPS.indexOf(screen as Step);
  if (from < 0) return FIRST_STEP;
  const steps = stepsFor(role);
  return steps.find((s) => STEPS.indexOf(s) > from) ?? steps[steps.length - 1] ?? FIRST_STEP;
}

/** The age bands offered: an adult about themselves is never offered a child's band. */
export function ageBandsFor(role: Role | undefined): readonly AgeBand[] {
  return role === 'adult' ? ['18-plus', 'unknown'] : AGE_BANDS;
}
