import type { Limits } from '../app-deps.ts';
import { AttemptLimiter } from './attempt-limiter.ts';

export const SIGN_IN_WINDOW_MS = 15 * 60_000;
/** The slowdown stops doubling here: a worker under attack still gets in within seconds. */
const MAX_SLOWDOWN_FACTOR = 16;

export type SignInLimits = Pick<
  Limits,
  | 'signInAttemptsPerIp'
  | 'signInFailuresPerAccountAndIp'
  | 'signInFailuresBeforeSlowdown'
  | 'signInSlowdownMs'
  | 'signInCodeFailuresPerAccount'
>;

/** Refuse now (and say when to try again), or go on after `delayMs`. */
export type SignInDecision = { refuseForMs: number } | { delayMs: number };

/** A wrong password (or unknown e-mail), or the right password with a wrong or replayed code. */
export type SignInFailure = 'credentials' | 'code';

/**
 * Sign-in throttling as OWASP's Authentication Cheat Sheet asks: attempts are limited per client
 * address and per account, and a stranger cannot lock a worker out.
 *
 * - per address, any account: a hard limit (one address guessing across many accounts);
 * - per (account, address): a hard limit, so whoever fails from an address locks only that address
 *   out of that account, never the worker elsewhere;
 * - per account, from anywhere: past a threshold every attempt on the account waits, twice as long
 *   after each further failure (up to a cap): an attacker rotating addresses is slowed, the worker
 *   with the right password and code still gets in;
 * - per account, the right password with a wrong code: a hard limit. Only someone who holds the
 *   password can make these failures, and a six-digit code must not be guessable from many addresses.
 *
 * `account` is a hash of the normalised e-mail (unknown e-mails are throttled alike, so the answers
 * tell nobody which accounts exist); counters live in this process only (docs/operating-at-scale.md).
 */
export class SignInThrottle {
  readonly #limits: SignInLimits;
  readonly #perAddress: AttemptLimiter;
  readonly #perPair: AttemptLimiter;
  readonly #perAccount: AttemptLimiter;
  readonly #codePerAccount: AttemptLimiter;

  constructor(limits: SignInLimits) {
    this.#limits = limits;
    this.#perAddress = new AttemptLimiter(limits.signInAttemptsPerIp, SIGN_IN_WINDOW_MS);
    this.#perPair = new AttemptLimiter(limits.signInFailuresPerAccountAndIp, SIGN_IN_WINDOW_MS);
    this.#perAccount = new AttemptLimiter(limits.signInFailuresBeforeSlowdown, SIGN_IN_WINDOW_MS);
    this.#codePerAccount = new AttemptLimiter(limits.signInCodeFailuresPerAccount, SIGN_IN_WINDOW_MS);
  }

  /** Called before the credentials are checked; counts the attempt unless it is refused. */
  before(account: string, address: string, now = Date.now()): SignInDecision {
    const refuseForMs = Math.max(
      this.#perAddress.retryAfter(address, now),
      this.#perPair.retryAfter(pairKey(account, address), now),
      this.#codePerAccount.retryAfter(account, now),
    );
    if (refuseForMs > 0) return { refuseForMs };
    this.#perAddress.record(address, now);
    return { delayMs: this.slowdownMs(account, now) };
  }

  /** How long an attempt on `account` waits now (0 below the threshold). */
  slowdownMs(account: string, now = Date.now()): number {
    const over = this.#perAccount.count(account, now) - this.#limits.signInFailuresBeforeSlowdown;
    if (over < 0) return 0;
    return this.#limits.signInSlowdownMs * Math.min(2 ** over, MAX_SLOWDOWN_FACTOR);
  }

  failed(account: string, address: string, failure: SignInFailure, now = Date.now()): void {
    this.#perPair.record(pairKey(account, address), now);
    this.#perAccount.record(account, now);
    if (failure === 'code') this.#codePerAccount.record(account, now);
  }

  /** The worker is in: what was held against the account and this address is forgotten. */
  succeeded(account: string, address: string): void {
    this.#perPair.reset(pairKey(account, address));
    this.#perAccount.reset(account);
    this.#codePerAccount.reset(account);
  }
}

const pairKey = (account: string, address: string) => `${account}\0${address}`;
