import { leadTimeMs, type PublishedBreakdown, type PublishedLeadTime } from '@vangnet/core';
import { textDirection } from '@vangnet/core/icu/direction';
import type { ActivePack } from '../active-pack.ts';
import { barChart, escapeHtml } from './bar-chart.ts';
import { type PageText, pageTextFor } from './page-text.ts';
import type { PublicStatistics } from './public-statistics.ts';

/**
 * The public statistics page (docs/public-statistics.md): the published figures only, as server-rendered
 * HTML that works without JavaScript, each chart with its numbers in a table beside it. Everything it
 * shows comes from the open-data document, so it can never show more than the JSON does.
 */
export function renderStatisticsPage(
  doc: PublicStatistics,
  pack: ActivePack,
  requested: string | undefined,
): string {
  const languages = pack.languages.length > 0 ? pack.languages : ['en'];
  const fallback = pack.countryPack?.meta.defaultLanguage ?? languages[0] ?? 'en';
  const { lang, text } = pageTextFor(requested && languages.includes(requested) ? requested : fallback);
  const f = formatters(lang, text, doc.k);
  const name = pack.helplineName;
  const periodsOf = (kind: 'months' | 'quarters') => doc.periods[kind];
  const latestQuarter = pickQuarter(doc);

  const labelOf = (dimension: string, value: string): string => {
    if (value === 'total') return text.total;
    if (dimension === 'category') return text.categories[value] ?? value;
    if (dimension === 'role') return text.roles[value] ?? value;
    if (dimension === 'ageBand') return text.ageBands[value] ?? value;
    if (dimension === 'platform')
      return value === 'other'
        ? text.other
        : (pack.countryPack?.platforms.find((p) => p.id === value)?.name ?? value);
    if (dimension === 'service') return pack.countryPack?.services.find((s) => s.id === value)?.name ?? value;
    return value;
  };

  const breakdownSection = (dimension: string, heading: string, b: PublishedBreakdown) => {
    const id = `by-${dimension}`;
    const chart = barChart({
      id: `${id}-chart`,
      title: `${heading}, ${text.inPeriod(latestQuarter)}`,
      bars: b.values.map((v) => ({
        label: labelOf(dimension, v),
        value: b.rows[latestQuarter]?.[v] ?? null,
      })),
      hiddenLabel: text.hidden(doc.k),
      format: f.count,
    });
    const quarters = periodsOf('quarters');
    const table = countTable(
      heading,
      quarters.map((q) => ({ id: q, label: q })),
      [...b.values, 'total'].map((v) => ({
        label: labelOf(dimension, v),
        cells: quarters.map((q) => b.rows[q]?.[v] ?? null),
      })),
      f,
      text,
    );
    return `<section aria-labelledby="${id}"><h2 id="${id}">${escapeHtml(heading)}</h2>
<div class="figure">${chart}${table}</div></section>`;
  };

  const months = periodsOf('months');
  const perMonth = doc.reports.category;
  const monthly = `<section aria-labelledby="per-month"><h2 id="per-month">${escapeHtml(text.reportsPerMonth)}</h2>
<div class="figure">${barChart({
    id: 'per-month-chart',
    title: text.reportsPerMonth,
    bars: months.map((m) => ({ label: f.month(m), value: perMonth.rows[m]?.total ?? null })),
    hiddenLabel: text.hidden(doc.k),
    format: f.count,
  })}${countTable(
    text.reportsPerMonth,
    [{ id: 'total', label: text.total }],
    months.map((m) => ({ label: f.month(m), cells: [perMonth.rows[m]?.total ?? null] })),
    f,
    text,
  )}</div></section>`;

  const leadRows = (byPeriod: Record<string, PublishedLeadTime | null>) =>
    [...periodsOf('quarters'), ...months].map((p) => {
      const lt = byPeriod[p] ?? null;
      return `<tr><th scope="row">${escapeHtml(p.includes('Q') ? p : f.month(p))}</th>${
        lt
          ? `<td>${escapeHtml(f.hours(lt.medianMs))}</td><td>${escapeHtml(f.hours(lt.p90Ms))}</td><td>${escapeHtml(
              lt.withinTarget === null ? '–' : f.share(lt.withinTarget),
            )}</td>`
          : `<td colspan="3">${escapeHtml(text.noData)}</td>`
      }</tr>`;
    });
  const leadTable = (caption: string, byPeriod: Record<string, PublishedLeadTime | null>) =>
    `<table><caption>${escapeHtml(caption)}</caption><thead><tr><th scope="col">${escapeHtml(text.period)}</th><th scope="col">${escapeHtml(
      text.median,
    )}</th><th scope="col">${escapeHtml(text.p90)}</th><th scope="col">${escapeHtml(text.withinTarget)}</th></tr></thead><tbody>${leadRows(
      byPeriod,
    ).join('')}</tbody></table>`;
  const withinChart = (id: string, title: string, byPeriod: Record<string, PublishedLeadTime | null>) =>
    barChart({
      id,
      title,
      bars: periodsOf('quarters').map((q) => {
        const share = byPeriod[q]?.withinTarget;
        return {
          label: q,
          value: share === undefined || share === null ? null : Math.round(share * 1000) / 10,
        };
      }),
      hiddenLabel: text.noData,
      format: (v) => f.share(v / 100),
    });
  const target = doc.firstContact.target;
  const firstContact = `<section aria-labelledby="first-contact"><h2 id="first-contact">${escapeHtml(text.firstContact)}</h2>
<p>${escapeHtml(text.firstContactIntro(f.hours(leadTimeMs(target.default)), f.hours(leadTimeMs(target.urgent))))}</p>
<h3>${escapeHtml(text.allCases)}</h3>
<div class="figure">${withinChart('fc-all-chart', `${text.withinTarget}: ${text.allCases}`, doc.firstContact.all)}${leadTable(text.allCases, doc.firstContact.all)}</div>
<h3>${escapeHtml(text.urgentCases)}</h3>
<div class="figure">${withinChart('fc-urgent-chart', `${text.withinTarget}: ${text.urgentCases}`, doc.firstContact.urgent)}${leadTable(text.urgentCases, doc.firstContact.urgent)}</div>
</section>`;

  const services = doc.referrals.services
    .filter((s) => doc.referrals.count.values.includes(s.id))
    .map((s) => {
      const label = labelOf('service', s.id);
      return `<h3>${escapeHtml(label)}</h3>
<div class="figure">${leadTable(`${label}: ${text.handover}`, s.handover)}${leadTable(`${label}: ${text.confirmation}`, s.confirmation)}</div>`;
    })
    .join('\n');
  const referrals = `<section aria-labelledby="referrals"><h2 id="referrals">${escapeHtml(text.referrals)}</h2>
<p>${escapeHtml(text.referralsIntro)}</p>
${countTable(
  text.referralCount,
  periodsOf('quarters').map((q) => ({ id: q, label: q })),
  doc.referrals.count.values.map((v) => ({
    label: labelOf('service', v),
    cells: periodsOf('quarters').map((q) => doc.referrals.count.rows[q]?.[v] ?? null),
  })),
  f,
  text,
)}
${services}</section>`;

  const feedbackRows = (Object.keys(text.questions) as (keyof PageText['questions'])[]).flatMap((q) =>
    (['yes', 'partly', 'no'] as const).map((a) => ({
      label: `${text.questions[q]}: ${text.answers[a]}`,
      cells: periodsOf('quarters').map((p) => doc.feedback[q].rows[p]?.[a] ?? null),
    })),
  );
  const feedback = `<section aria-labelledby="feedback"><h2 id="feedback">${escapeHtml(text.feedback)}</h2>
<p>${escapeHtml(text.feedbackIntro)}</p>
<div class="figure">${barChart({
    id: 'feedback-chart',
    title: `${text.feedback} ${text.inPeriod(latestQuarter)}`,
    bars: (['yes', 'partly', 'no'] as const).map((a) => ({
      label: `${text.questions.helped}: ${text.answers[a]}`,
      value: doc.feedback.helped.rows[latestQuarter]?.[a] ?? null,
    })),
    hiddenLabel: text.hidden(doc.k),
    format: f.count,
  })}${countTable(
    text.feedback,
    periodsOf('quarters').map((q) => ({ id: q, label: q })),
    feedbackRows,
    f,
    text,
  )}</div></section>`;

  // Platform response figures (DSA notices sent as trusted flagger), already k-filtered in the document.
  const platformRows = doc.platforms.rows
    .map((r) => {
      const name = pack.countryPack?.platforms.find((p) => p.id === r.platform)?.name ?? r.platform;
      const cell = (v: number | null, format: (x: number) => string) =>
        `<td>${v === null ? escapeHtml(text.hidden(doc.k)) : escapeHtml(format(v))}</td>`;
      return `<tr><th scope="row">${escapeHtml(name)}</th><td>${escapeHtml(text.categories[r.category] ?? r.category)}</td><td>${escapeHtml(
        r.tdb.keyword,
      )}</td><td>${escapeHtml(f.count(r.sent))}</td>${cell(r.answeredShare, f.share)}${cell(r.medianHours, (h) => f.hours(h * 3_600_000))}${cell(
        r.p90Hours,
        (h) => f.hours(h * 3_600_000),
      )}${cell(r.actedShare, f.share)}</tr>`;
    })
    .join('');
  const platforms = `<section aria-labelledby="platforms" data-section="platforms"><h2 id="platforms">${escapeHtml(
    text.platforms,
  )}</h2><p>${escapeHtml(text.platformsIntro(doc.k))}</p>${
    platformRows
      ? `<table><caption>${escapeHtml(text.platforms)}</caption><thead><tr><th scope="col">${escapeHtml(
          text.platform,
        )}</th><th scope="col">${escapeHtml(text.category)}</th><th scope="col">${escapeHtml(text.dsaLabel)}</th><th scope="col">${escapeHtml(
          text.noticesSent,
        )}</th><th scope="col">${escapeHtml(text.answered)}</th><th scope="col">${escapeHtml(text.median)}</th><th scope="col">${escapeHtml(
          text.p90,
        )}</th><th scope="col">${escapeHtml(text.actedOn)}</th></tr></thead><tbody>${platformRows}</tbody></table>`
      : `<p>${escapeHtml(text.platformsNone(doc.k))}</p>`
  }</section>`;

  const languageLinks = languages
    .map((code) => {
      const label = new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
      return `<li><a href="/statistics?lang=${encodeURIComponent(code)}" lang="${escapeHtml(code)}" hreflang="${escapeHtml(code)}"${
        code === lang ? ' aria-current="page"' : ''
      }>${escapeHtml(label)}</a></li>`;
    })
    .join('');

  return `<!doctype html>
<html lang="${escapeHtml(lang)}" dir="${textDirection(lang)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(`${text.title} – ${name}`)}</title>
<link rel="stylesheet" href="/statistics.css"></head>
<body>
<header><nav aria-label="${escapeHtml(text.language)}"><ul class="languages">${languageLinks}</ul></nav></header>
<main>
<h1>${escapeHtml(`${text.title} – ${name}`)}</h1>
<p>${escapeHtml(text.intro)}</p>
<p>${escapeHtml(text.privacy(doc.k))}</p>
${monthly}
${breakdownSection('category', text.byCategory, doc.reports.category)}
${breakdownSection('platform', text.byPlatform, doc.reports.platform)}
${breakdownSection('ageBand', text.byAgeBand, doc.reports.ageBand)}
${breakdownSection('role', text.byRole, doc.reports.role)}
${firstContact}
${referrals}
${feedback}
${platforms}
<section aria-labelledby="open-data"><h2 id="open-data">${escapeHtml(text.openData)}</h2>
<ul><li><a href="/api/v1/public/statistics">${escapeHtml(text.json)}</a></li>
<li><a href="/api/v1/public/statistics.csv">${escapeHtml(text.csv)}</a></li>
<li><a href="/api/v1/public/statistics.schema.json">${escapeHtml(text.schema)}</a></li></ul></section>
</main>
</body>
</html>`;
}

type Formatters = {
  count: (n: number) => string;
  hours: (ms: number) => string;
  share: (x: number) => string;
  month: (m: string) => string;
  hidden: string;
};

function formatters(lang: string, text: PageText, k: number): Formatters {
  const whole = new Intl.NumberFormat(lang);
  const oneDecimal = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 });
  const month = new Intl.DateTimeFormat(lang, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  return {
    count: (n) => whole.format(n),
    hours: (ms) => text.hours(oneDecimal.format(ms / 3_600_000)),
    share: (x) => percent.format(x),
    month: (m) => month.format(new Date(`${m}-01T00:00:00Z`)),
    hidden: text.hidden(k),
  };
}

function countTable(
  caption: string,
  columns: readonly { id: string; label: string }[],
  rows: readonly { label: string; cells: readonly (number | null)[] }[],
  f: Formatters,
  text: PageText,
): string {
  const head = `<tr><th scope="col"><span class="visually-hidden">${escapeHtml(text.period)}</span></th>${columns
    .map((c) => `<th scope="col">${escapeHtml(c.label)}</th>`)
    .join('')}</tr>`;
  const body = rows
    .map(
      (r) =>
        `<tr><th scope="row">${escapeHtml(r.label)}</th>${r.cells
          .map(
            (c) =>
              `<td>${c === null ? `<span class="hidden-figure">${escapeHtml(f.hidden)}</span>` : escapeHtml(f.count(c))}</td>`,
          )
          .join('')}</tr>`,
    )
    .join('');
  return `<table><caption>${escapeHtml(caption)}</caption><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

/** The quarter the charts show: the latest one before the current (still filling) quarter, if any. */
function pickQuarter(doc: PublicStatistics): string {
  const quarters = doc.periods.quarters;
  return (quarters.length > 1 ? quarters[quarters.length - 2] : quarters[0]) ?? '';
}

export const STATISTICS_CSS = `body{font-family:system-ui,sans-serif;color:#1b1b1b;background:#fff;margin:0;line-height:1.5}
header,main{max-width:72rem;margin:0 auto;padding:0 1rem}
.languages{display:flex;gap:1rem;list-style:none;padding:0;margin:1rem 0}
a{color:#0b4f9c}a:focus-visible{outline:3px solid #1b1b1b;outline-offset:2px}
.figure{display:flex;flex-wrap:wrap;gap:1.5rem;align-items:flex-start}
.chart{max-width:100%;height:auto}
table{border-collapse:collapse;margin:0.5rem 0 1.5rem}
caption{text-align:start;font-weight:600;padding-bottom:0.25rem}
th,td{border:1px solid #6b6b6b;padding:0.25rem 0.5rem;text-align:end}
th[scope=row]{text-align:start;font-weight:normal}
.hidden-figure{color:#444;font-style:italic}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;
