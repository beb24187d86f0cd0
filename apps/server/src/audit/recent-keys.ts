export /** Keys seen within a window, bounded so a flood of ids cannot grow it without end. */
class RecentKeys {
  private readonly seen = new Map<string, number>();
  private readonly max: number;
  constructor(max: number) {
    this.max = max;
  }
  /** True (and remembered) when `key` was not seen in the last `windowMs`. */
  firstIn(key: string, windowMs: number, now = Date.now()): boolean {
    const last = this.seen.get(key);
    if (last !== undefined && now - last < windowMs) return false;
    this.seen.delete(key);
    if (this.seen.size >= this.max) this.seen.delete(this.seen.keys().next().value as string);
    this.seen.set(key, now);
    return true;
  }
}
