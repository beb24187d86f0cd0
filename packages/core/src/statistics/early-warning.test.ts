import { describe, expect, it } from 'vitest';
import { binomialUpperTail, checkForRise, DEFAULT_EARLY_WARNING_RULE } from './early-warning.ts';

/** A small seeded generator (mulberry32), so the seeded series are the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Poisson draws by Knuth's method: fine for the small weekly rates of one platform × category. */
function poisson(random: () => number, rate: number): number {
  const limit = Math.exp(-rate);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

const BASELINE_WEEKS = 8;

/** Checks every week after the first eight against the eight before it; returns the flagged weeks. */
function flaggedWeeks(series: readonly number[]): number[] {
  const weeks: number[] = [];
  for (let w = BASELINE_WEEKS; w < series.length; w++) {
    if (checkForRise(series.slice(w - BASELINE_WEEKS, w), series[w] as number).flagged) weeks.push(w);
  }
  return weeks;
}

describe('binomialUpperTail', () => {
  it.each([
    { n: 10, p: 0.5, k: 0, expected: 1 },
    { n: 10, p: 0.5, k: 10, expected: 1 / 1024 },
    { n: 10, p: 0.5, k: 9, expected: 11 / 1024 },
    { n: 4, p: 0.25, k: 2, expected: 1 - 0.75 ** 4 - 4 * 0.25 * 0.75 ** 3 },
    { n: 3, p: 0.2, k: 4, expected: 0 },
  ])('P(X ≥ $k) for Binomial($n, $p)', ({ n, p, k, expected }) => {
    expect(binomialUpperTail(n, p, k)).toBeCloseTo(expected, 12);
  });

  it('stays finite for large counts', () => {
    const tail = binomialUpperTail(20_000, 1 / 9, 2_700);
    expect(tail).toBeGreaterThan(0);
    expect(tail).toBeLessThan(1e-12);
  });
});

describe('checkForRise', () => {
  it.each([
    {
      name: 'a doubling from 10 a week to 30',
      baseline: [10, 9, 12, 11, 8, 10, 9, 11],
      current: 30,
      flagged: true,
    },
    { name: 'an ordinary week', baseline: [10, 9, 12, 11, 8, 10, 9, 11], current: 13, flagged: false },
    {
      name: 'a rise from nothing to 4 (below the floor of 5)',
      baseline: [0, 0, 0, 0, 0, 0, 0, 0],
      current: 4,
      flagged: false,
    },
    { name: 'a rise from nothing to 6', baseline: [0, 0, 0, 0, 0, 0, 0, 0], current: 6, flagged: true },
    {
      name: 'a big series growing 10 %',
      baseline: [400, 410, 395, 405, 398, 402, 401, 399],
      current: 440,
      flagged: false,
    },
  ])('$name', ({ baseline, current, flagged }) => {
    expect(checkForRise(baseline, current).flagged).toBe(flagged);
  });

  it('refuses an empty baseline', () => {
    expect(() => checkForRise([], 3)).toThrow(RangeError);
  });

  // Done-when: on a seeded series with one planted rise, exactly that rise is flagged.
  it('flags exactly the planted rise in a seeded series', () => {
    const random = seeded(7);
    const series = Array.from({ length: 52 }, () => poisson(random, 6));
    series[40] = 3 * 6 + 6; // a new "challenge": four times the usual week
    expect(flaggedWeeks(series)).toEqual([40]);
  });

  // Done-when: on 100 seeded flat series the number of false alarms matches the documented rate. The rule
  // promises at most alpha per check; the exact rate for a steady Poisson series is below it, because
  // counts are whole numbers. Both are checked: the observed count lies inside a 99.9 % band around the
  // expected number at the exact rate, and the exact rate is at most alpha.
  it('false alarms on 100 steady series match the documented rate', () => {
    const rule = { ...DEFAULT_EARLY_WARNING_RULE, alpha: 0.01, minCount: 0, minRatio: 0 };
    const rates = [2, 5, 10, 20];
    let alarms = 0;
    let checks = 0;
    let expectedAlarms = 0;
    for (let s = 0; s < 100; s++) {
      const random = seeded(1000 + s);
      const rate = rates[s % rates.length] as number;
      const series = Array.from({ length: 60 }, () => poisson(random, rate));
      for (let w = BASELINE_WEEKS; w < series.length; w++) {
        checks++;
        if (checkForRise(series.slice(w - BASELINE_WEEKS, w), series[w] as number, rule).flagged) alarms++;
      }
      expectedAlarms += (series.length - BASELINE_WEEKS) * exactFalseAlarmRate(rate, rule.alpha);
    }
    const p = expectedAlarms / checks;
    console.info(
      `early warning: ${alarms} false alarms in ${checks} checks; expected ${expectedAlarms.toFixed(1)} at the exact rate ${p.toFixed(4)} (alpha ${rule.alpha})`,
    );
    expect(p).toBeLessThanOrEqual(rule.alpha);
    const sd = Math.sqrt(checks * p * (1 - p));
    expect(alarms).toBeGreaterThanOrEqual(Math.floor(expectedAlarms - 3.3 * sd));
    expect(alarms).toBeLessThanOrEqual(Math.ceil(expectedAlarms + 3.3 * sd));
  });
});

/**
 * The exact chance of a flag per check on a steady Poisson(rate) series with an 8-period baseline: the
 * baseline total is Poisson(8·rate); given it, sum P(current = c) over the c that the test flags.
 */
function exactFalseAlarmRate(rate: number, alpha: number): number {
  const poissonPmf = (lambda: number, n: number) =>
    Math.exp(-lambda + n * Math.log(lambda) - logGamma(n + 1));
  let total = 0;
  const maxBaseline = Math.ceil(BASELINE_WEEKS * rate + 12 * Math.sqrt(BASELINE_WEEKS * rate) + 20);
  const maxCurrent = Math.ceil(rate + 12 * Math.sqrt(rate) + 20);
  for (let b = 0; b <= maxBaseline; b++) {
    const pb = poissonPmf(BASELINE_WEEKS * rate, b);
    if (pb < 1e-15) continue;
    for (let c = 0; c <= maxCurrent; c++) {
      if (binomialUpperTail(b + c, 1 / (BASELINE_WEEKS + 1), c) <= alpha) total += pb * poissonPmf(rate, c);
    }
  }
  return total;
}

function logGamma(n: number): number {
  let s = 0;
  for (let i = 2; i < n; i++) s += Math.log(i);
  return s;
}
