import { leadTimeMs } from '@vangnet/core/sla/lead-time';

/** "PT24H" → "24 hours" / "24 uur" / "24 heures": the reader's words, by the browser's own unit names. */
export function formatLeadTime(iso: string, lang: string): string {
  const hours = Math.round(leadTimeMs(iso) / 3_600_000);
  const [value, unit] = hours >= 48 && hours % 24 === 0 ? [hours / 24, 'day'] : [Math.max(hours, 1), 'hour'];
  return new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}
