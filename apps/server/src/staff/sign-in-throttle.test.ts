import { describe, expect, it } from 'vitest';
import { SIGN_IN_WINDOW_MS, SignInThrottle } from './sign-in-throttle.ts';

const limits = {
  signInAttemptsPerIp: 100,
  signInFailuresPerAccountAndIp: 5,
  signInFailuresBeforeSlowdown: 5,
  signInSlowdownMs: 1000,
  signInCodeFailuresPerAccount: 3,
};

describe('SignInThrottle', () => {
  it("a stranger's failures from one address refuse that address, not the account elsewhere", async () => {
    const throttle = new SignInThrottle(limits);
    for (let i = 0; i < 5; i++) {
      expect(await throttle.before('worker', 'A', i)).toEqual({ delayMs: 0 });
      await throttle.failed('worker', 'A', 'credentials', i);
    }
    expect(await throttle.before('worker', 'A', 10)).toEqual({ refuseForMs: SIGN_IN_WINDOW_MS - 10 });
    // From B the worker is slowed (the account saw 5 failures), never refused.
    expect(await throttle.before('worker', 'B', 10)).toEqual({ delayMs: 1000 });
    // Another account from A is not affected.
    expect(await throttle.before('other', 'A', 10)).toEqual({ delayMs: 0 });
  });

  it('slows every attempt on an account attacked from rotating addresses, doubling up to a cap', async () => {
    const throttle = new SignInThrottle(limits);
    const delays: number[] = [];
    for (let i = 0; i < 12; i++) {
      const decision = await throttle.before('worker', `addr-${i}`, i);
      expect(decision).not.toHaveProperty('refuseForMs');
      delays.push('delayMs' in decision ? decision.delayMs : -1);
      await throttle.failed('worker', `addr-${i}`, 'credentials', i);
    }
    expect(delays).toEqual([0, 0, 0, 0, 0, 1000, 2000, 4000, 8000, 16000, 16000, 16000]);
    // The window passes: the slowdown goes with it.
    expect(await throttle.before('worker', 'new', SIGN_IN_WINDOW_MS + 12)).toEqual({ delayMs: 0 });
  });

  it('refuses the account after repeated wrong codes with the right password, from any address', async () => {
    const throttle = new SignInThrottle(limits);
    for (let i = 0; i < 3; i++) await throttle.failed('worker', `addr-${i}`, 'code', i);
    expect(await throttle.before('worker', 'fresh', 3)).toHaveProperty('refuseForMs');
    expect(await throttle.before('other', 'fresh', 3)).toEqual({ delayMs: 0 });
  });

  it('limits one address across accounts', async () => {
    const throttle = new SignInThrottle({ ...limits, signInAttemptsPerIp: 3 });
    for (let i = 0; i < 3; i++) expect(await throttle.before(`account-${i}`, 'A', i)).toEqual({ delayMs: 0 });
    expect(await throttle.before('account-9', 'A', 3)).toHaveProperty('refuseForMs');
    expect(await throttle.before('account-9', 'B', 3)).toEqual({ delayMs: 0 });
  });

  it('forgets the account and the address on success', async () => {
    const throttle = new SignInThrottle(limits);
    for (let i = 0; i < 5; i++) await throttle.failed('worker', 'B', 'credentials', i);
    await throttle.succeeded('worker', 'B');
    expect(await throttle.before('worker', 'B', 6)).toEqual({ delayMs: 0 });
  });
});
