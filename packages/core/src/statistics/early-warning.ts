/**
 * Early warnings (docs/early-warnings.md): is this week's count for one series (platform × category, or
 * × age band) unusually high compared with the same series' own recent history?
 *
 * The rule is a conditional binomial test. If reports in a series arrive at a steady rate, then given the
 * total N = current + baseline over the n + 1 periods, the current period's count is Binomial(N, 1/(n+1))
 * — whatever the rate is. So the chance of a flag on a steady series is at most `alpha` per check, with no
 * rate to estimate and no tuning per series: that is the documented false-alarm rate. Two plain-sense
 * floors keep flags worth a supervisor's time (they only make false alarms rarer): at least `minCount`
 * reports now, and at least `minRatio` times the baseline average.
 * Pure: the caller supplies counts; the daily job and the console decide what to do with a flag.
 */

export interface EarlyWarningRule {
  /** Largest chance of a flag on a series whose rate did not change, per check. */
  alpha: number;
  /** Fewest reports in the current period for a flag. */
  minCount: number;
  /** Current count must be at least this multiple of the baseline's average per period. */
  minRatio: number;
}

export const DEFAULT_EARLY_WARNING_RULE: EarlyWarningRule = { alpha: 0.001, minCount: 5, minRatio: 1.5 };

export interface EarlyWarningCheck {
  flagged: boolean;
  current: number;
  /** Average per period over the baseline. */
  expected: number;
  /** P(a count this high or higher | steady rate): the test's p-value. */
  pValue: number;
}

/** `baseline`: counts of the previous periods (oldest first, at least one); `current`: this period's. */
export function checkForRise(
  baseline: readonly number[],
  current: number,
  rule: EarlyWarningRule = DEFAULT_EARLY_WARNING_RULE,
): EarlyWarningCheck {
  if (baseline.length === 0) throw new RangeError('checkForRise needs at least one baseline period');
  const baselineTotal = baseline.reduce((s, n) => s + n, 0);
  const expected = baselineTotal / baseline.length;
  const pValue = binomialUpperTail(current + baselineTotal, 1 / (baseline.length + 1), current);
  const flagged = current >= rule.minCount && current >= rule.minRatio * expected && pValue <= rule.alpha;
  return { flagged, current, expected, pValue };
}

/** P(X ≥ k) for X ~ Binomial(n, p), summed in log space so large n does not underflow. */
export function binomialUpperTail(n: number, p: number, k: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  const logP = Math.log(p);
  const logQ = Math.log1p(-p);
  let logTerm = logChoose(n, k) + k * logP + (n - k) * logQ;
  let sum = 0;
  // Terms fall off fast above the mean; stop once they no longer change the sum.
  for (let i = k; i <= n; i++) {
    const term = Math.exp(logTerm);
    sum += term;
    if (term < sum * 1e-16) break;
    logTerm += Math.log(n - i) - Math.log(i + 1) + logP - logQ;
  }
  return Math.min(1, sum);
}

function logChoose(n: number, k: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}

const logFactorials: number[] = [0];
function logFactorial(n: number): number {
  for (let i = logFactorials.length; i <= n; i++)
    logFactorials[i] = (logFactorials[i - 1] as number) + Math.log(i);
  return logFactorials[n] as number;
}
