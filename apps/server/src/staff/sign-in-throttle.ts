import type { Limits } from '../app-deps.ts';
import type { AttemptLog } from '../shared-limits/shared-limits.ts';
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
 * tell nobody which accounts exist) and `address` a keyed hash of the client's address
 * (http/client-key.ts). The counters live in the shared limits: every replica sees every attempt
 * (docs/operating-at-scale.md).
 */
export class SignInThrottle {
  readonly #limits: SignInLimits;
  readonly #perAddress: AttemptLimiter;
  readonly #perPair: AttemptLimiter;
  readonly #perAccount: AttemptLimiter;
  readonly #codePerAccount: AttemptLimiter;

  /** `name` separates throttles that share one log (password sign-in, passkey sign-in). */
  constructor(limits: SignInLimits, log?: AttemptLog, name = 'sign-in') {
    this.#limits = limits;
    const limiter = (limit: number, kind: string) =>
      new AttemptLimiter(limit, SIGN_IN_WINDOW_MS, log, `${name}:${kind}`);
    this.#perAddress = limiter(limits.signInAttemptsPerIp, 'address');
    this.#perPair = limiter(limits.signInFailuresPerAccountAndIp, 'pair');
    this.#perAccount = limiter(limits.signInFailuresBeforeSlowdown, 'account');
    this.#codePerAccount = limiter(limits.signInCodeFailuresPerAccount, 'code');
  }

  /** Called before the credentials are checked; counts the attempt unless it is refused. */
  async before(account: string, address: string, now = Date.now()): Promise<SignInDecision> {
    const refuseForMs = Math.max(
      ...(await Promise.all([
        this.#perAddress.retryAfter(address, now),
        this.#perPair.retryAfter(pairKey(account, address), now),
        this.#codePerAccount.retryAfter(account, now),
      ])),
    );
    if (refuseForMs > 0) return { refuseForMs };
    await this.#perAddress.record(address, now);
    return { delayMs: await this.slowdownMs(account, now) };
  }

  /** How long an attempt on `account` waits now (0 below the threshold). */
  async slowdownMs(account: string, now = Date.now()): Promise<number> {
    const over = (await this.#perAccount.count(account, now)) - this.#limits.signInFailuresBeforeSlowdown;
    if (over < 0) return 0;
    return this.#limits.signInSlowdownMs * Math.min(2 ** over, MAX_SLOWDOWN_FACTOR);
  }

  async failed(account: string, address: string, failure: SignInFailure, now = Date.now()): Promise<void> {
    await Promise.all([
      this.#perPair.record(pairKey(account, address), now),
      this.#perAccount.record(account, now),
      failure === 'code' ? this.#codePerAccount.record(account, now) : undefined,
    ]);
  }

  /** The worker is in: what was held against the account and this address is forgotten. */
  async succeeded(account: string, address: string): Promise<void> {
    await Promise.all([
      this.#perPair.reset(pairKey(account, address)),
      this.#perAccount.reset(account),
      this.#codePerAccount.reset(account),
    ]);
  }
}

const pairKey = (account: string, address: string) => `${account}:${address}`;
