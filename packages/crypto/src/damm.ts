// Damm's totally anti-symmetric quasigroup of order 10 (H. M. Damm, 2004). One check digit over it
// catches every single mistyped digit and every swap of two neighbouring digits.
const TABLE: readonly (readonly number[])[] = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

/** The table, for tests that check its quasigroup properties. */
export const dammTable = TABLE;

/** Runs the digits through the quasigroup; `digits` must be ASCII 0-9 only. */
function interim(digits: string): number {
  let state = 0;
  for (let i = 0; i < digits.length; i++) {
    state = TABLE[state]![digits.charCodeAt(i) - 48]!;
  }
  return state;
}

/** The check digit to append to `digits` (ASCII 0-9). */
export function dammCheckDigit(digits: string): string {
  return String(interim(digits));
}

/** Whether `digits` (ASCII 0-9, check digit last) has a correct Damm check digit. */
export function dammValid(digits: string): boolean {
  return interim(digits) === 0;
}
