const PATTERN = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Milliseconds in an ISO 8601 duration of days, hours, minutes and seconds (the form packs allow). */
export function leadTimeMs(iso: string): number {
  const m = PATTERN.exec(iso);
  if (!m || iso === 'P' || iso.endsWith('T')) throw new RangeError(`not a lead time: ${iso}`);
  const [, d = '0', h = '0', min = '0', s = '0'] = m;
  return ((Number(d) * 24 + Number(h)) * 60 + Number(min)) * 60_000 + Number(s) * 1000;
}

export function addLeadTime(from: Date, iso: string): Date {
  return new Date(from.getTime() + leadTimeMs(iso));
}
