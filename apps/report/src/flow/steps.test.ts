import { AGE_BANDS } from '@vangnet/core/taxonomy';
import { describe, expect, it } from 'vitest';
import { ageBandsFor, FIRST_STEP, stepAfter, stepsFor } from './steps.ts';

describe('report steps', () => {
  it('asks who the reporter is first, so the rest can be worded for them', () => {
    expect(FIRST_STEP).toBe('who');
  });

  it.each([
    ['who', undefined, 'what'],
    ['where', 'self', 'age'],
    ['where', 'parent', 'age'],
    ['where', 'adult', 'danger'],
    ['age', 'adult', 'danger'],
    ['evidence', 'adult', 'contact'],
    ['review', 'self', 'review'],
    ['crisis', 'self', 'who'],
    [undefined, undefined, 'who'],
  ] as const)('after %s (%s) comes %s', (screen, role, next) => {
    expect(stepAfter(screen, role)).toBe(next);
  });

  it('an adult about themselves is not asked the age band; everyone else is', () => {
    expect(stepsFor('adult')).not.toContain('age');
    for (const role of ['self', 'friend', 'parent', 'professional'] as const) {
      expect(stepsFor(role)).toContain('age');
    }
  });

  it.each([
    ['adult', ['18-plus', 'unknown']],
    ['self', AGE_BANDS],
    ['parent', AGE_BANDS],
    ['professional', AGE_BANDS],
    ['friend', AGE_BANDS],
  ] as const)('%s is offered the age bands %j', (role, bands) => {
    expect(ageBandsFor(role)).toEqual(bands);
  });
});
