import { describe, expect, it } from 'vitest';
import { RecentKeys } from './recent-keys.ts';

describe('RecentKeys', () => {
  it('says first once per window, then again after it', () => {
    const keys = new RecentKeys(10);
    expect(keys.firstIn('a', 1000, 0)).toBe(true);
    expect(keys.firstIn('a', 1000, 999)).toBe(false);
    expect(keys.firstIn('b', 1000, 999)).toBe(true);
    expect(keys.firstIn('a', 1000, 1000)).toBe(true);
  });

  it('forgets the oldest key when full, so it never grows without end', () => {
    const keys = new RecentKeys(2);
    keys.firstIn('a', 1000, 0);
    keys.firstIn('b', 1000, 0);
    keys.firstIn('c', 1000, 0);
    expect(keys.firstIn('a', 1000, 1)).toBe(true);
    expect(keys.firstIn('c', 1000, 1)).toBe(false);
  });
});
