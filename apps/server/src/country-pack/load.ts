import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import {
  CATALOG_APPS,
  type CompiledNode,
  type CountryPack,
  checkAppCatalogs,
  checkPack,
  describeIssue,
  flattenTexts,
  formatProblem,
  type LanguageReview,
  PACK_FILES,
  PAGE_FRONT_MATTER_EXAMPLE,
  type PackCatalogs,
  type PackProblem,
  type Page,
  packCatalogDir,
  pageFrontMatterSchema,
  readUnreviewedMark,
  reviewLanguages,
  reviewProblems,
  TEXTS_UNREVIEWED_KEY,
  textTreeSchema,
  type UnreviewedMark,
} from '@vangnet/core';
import { parseDocument } from 'yaml';
import { z } from 'zod/mini';
import { appTexts } from './app-texts.ts';

export type { CountryPack, PackProblem } from '@vangnet/core';
export { publicPack } from '@vangnet/core';

/** A pack that cannot be used; `problems` names each file and path. Boot stops with this message. */
export class PackError extends Error {
  readonly dir: string;
  readonly problems: PackProblem[];
  constructor(dir: string, problems: PackProblem[]) {
    super(
      `Country pack ${dir} has ${problems.length} problem(s):\n${problems.map(formatProblem).join('\n')}`,
    );
    this.dir = dir;
    this.problems = problems;
    this.name = 'PackError';
  }
}

/** `catalogs`: the apps' texts the pack brings (catalogs/<app>/<lang>.json), compiled; only complete ones. */
export type PackInspection = {
  pack?: CountryPack;
  problems: PackProblem[];
  catalogs?: PackCatalogs<CompiledNode>;
  /** How much of each declared language nobody has reviewed (marked `unreviewed`); a notice for `pack check`. */
  review?: LanguageReview[];
};

/** Reads, validates and freezes a pack folder; throws a `PackError` on any error (warnings are allowed). */
export async function loadCountryPack(dir: string): Promise<CountryPack> {
  return (await loadCountryPackWithCatalogs(dir)).pack;
}

/** As `loadCountryPack`, with the app catalogs the pack brings. */
export async function loadCountryPackWithCatalogs(
  dir: string,
): Promise<{ pack: CountryPack; catalogs: PackCatalogs<CompiledNode> }> {
  const { pack, problems, catalogs } = await inspectCountryPack(dir);
  const errors = problems.filter((p) => p.severity === 'error');
  if (!pack || errors.length > 0) throw new PackError(dir, errors);
  return { pack, catalogs: catalogs ?? {} };
}

/** Everything `pack check` reports: errors and warnings, and the pack when its files parse. */
export async function inspectCountryPack(dir: string): Promise<PackInspection> {
  const problems: PackProblem[] = [];
  const parts: Partial<Record<keyof typeof PACK_FILES, unknown>> = {};
  for (const [part, spec] of Object.entries(PACK_FILES)) {
    const optional = 'optional' in spec && spec.optional;
    parts[part as keyof typeof PACK_FILES] = await readYamlFile(
      dir,
      spec.file,
      spec.schema,
      problems,
      optional,
    );
  }
  const marks: Record<string, UnreviewedMark> = {};
  const texts = await readTexts(dir, problems, marks);
  const pages = await readPages(dir, problems);

  const meta = parts.meta as CountryPack['meta'] | undefined;
  const services = parts.services as { services: CountryPack['services'] } | undefined;
  const crisis = parts.crisis as { lines: CountryPack['crisis'] } | undefined;
  const platforms = parts.platforms as
    | { platforms: CountryPack['platforms']; legalBasis?: CountryPack['legalBasis'] }
    | undefined;
  const routes = parts.routes as { rules: CountryPack['routes'] } | undefined;
  const agreements = parts.agreements as { suggestions: CountryPack['agreements'] } | undefined;
  const federation = parts.federation as { peers: NonNullable<CountryPack['federation']> } | undefined;
  if (
    !meta ||
    !services ||
    !crisis ||
    !platforms ||
    !routes ||
    problems.some((p) => p.severity === 'error')
  ) {
    return { problems };
  }
  const pack: CountryPack = {
    meta,
    services: services.services,
    crisis: crisis.lines,
    platforms: platforms.platforms,
    ...(platforms.legalBasis ? { legalBasis: platforms.legalBasis } : {}),
    routes: routes.rules,
    ...(agreements?.suggestions ? { agreements: agreements.suggestions } : {}),
    ...(federation ? { federation: federation.peers } : {}),
    texts,
    pages,
  };
  problems.push(...checkPack(pack, { isTemplate: basename(dir) === 'template' }));
  const packCatalogs = await readCatalogs(dir, problems);
  const app = await appTexts();
  const languages = checkAppCatalogs(meta, packCatalogs, app);
  problems.push(...languages.problems);
  const review = reviewLanguages(meta, {
    carried: { report: app.report.shares ?? {}, console: app.console.shares ?? {} },
    packCatalogs,
    texts,
    marks,
    pages,
  });
  problems.push(...reviewProblems(review));
  return { pack: deepFreeze(pack), problems, catalogs: deepFreeze(languages.compiled), review };
}

async function readYamlFile(
  dir: string,
  file: string,
  schema: z.ZodMiniType,
  problems: PackProblem[],
  optional = false,
): Promise<unknown> {
  const source = await readText(join(dir, file));
  if (source === undefined) {
    if (optional) return undefined;
    problems.push({ severity: 'error', file, path: '', message: 'file is missing' });
    return undefined;
  }
  const value = parseYaml(file, source, problems);
  if (value === undefined) return undefined;
  const parsed = schema.safeParse(value, PARSE_OPTIONS);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({
        severity: 'error',
        file,
        path: formatPath(issue.path),
        message: describeIssue(schema, issue),
      });
    }
    return undefined;
  }
  return parsed.data;
}

/** zod/mini ships no messages; the English locale is passed per parse so nothing global changes. */
const PARSE_OPTIONS = { reportInput: true, error: z.locales.en().localeError };

function parseYaml(file: string, source: string, problems: PackProblem[]): unknown {
  const doc = parseDocument(source, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const line = e.linePos?.[0];
      const where = line ? `line ${line.line}, column ${line.col}` : '';
      problems.push({
        severity: 'error',
        file,
        path: where,
        message: (e.message.split('\n')[0] ?? e.code).replace(/:$/, ''),
      });
    }
    return undefined;
  }
  return doc.toJS();
}

/**
 * texts/<lang>.yaml; a top-level `unreviewed: true` or `unreviewed: [key, …]` marks translations nobody
 * has reviewed yet (kept apart in `marks`, never a text).
 */
async function readTexts(
  dir: string,
  problems: PackProblem[],
  marks: Record<string, UnreviewedMark>,
): Promise<CountryPack['texts']> {
  const texts: CountryPack['texts'] = {};
  for (const name of await listDir(join(dir, 'texts'))) {
    if (!name.endsWith('.yaml')) continue;
    const lang = basename(name, '.yaml');
    const file = `texts/${name}`;
    const source = (await readText(join(dir, file))) ?? '';
    const value = parseYaml(file, source, problems);
    if (value === undefined) continue;
    const isMap = typeof value === 'object' && value !== null && !Array.isArray(value);
    const { [TEXTS_UNREVIEWED_KEY]: mark, ...tree } = isMap ? (value as Record<string, unknown>) : {};
    const read = readUnreviewedMark(mark);
    if ('problem' in read) {
      problems.push({ severity: 'error', file, path: TEXTS_UNREVIEWED_KEY, message: read.problem });
      continue;
    }
    marks[lang] = read.mark;
    const parsed = textTreeSchema.safeParse(isMap ? tree : (value ?? {}), PARSE_OPTIONS);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({
          severity: 'error',
          file,
          path: formatPath(issue.path),
          message: describeIssue(textTreeSchema, issue),
        });
      }
      continue;
    }
    texts[lang] = flattenTexts(parsed.data);
  }
  return texts;
}

/** catalogs/<app>/<lang>.json: an app's texts for a language the app does not carry. */
async function readCatalogs(dir: string, problems: PackProblem[]): Promise<PackCatalogs<unknown>> {
  const catalogs: Record<string, Record<string, unknown>> = {};
  for (const app of CATALOG_APPS) {
    catalogs[app] = await readAppCatalogs(dir, packCatalogDir(app), problems);
  }
  return catalogs;
}

async function readAppCatalogs(
  dir: string,
  folder: string,
  problems: PackProblem[],
): Promise<Record<string, unknown>> {
  const catalogs: Record<string, unknown> = {};
  for (const name of await listDir(join(dir, folder))) {
    if (!name.endsWith('.json')) continue;
    const file = `${folder}/${name}`;
    try {
      catalogs[basename(name, '.json')] = JSON.parse((await readText(join(dir, file))) ?? '');
    } catch (e) {
      problems.push({
        severity: 'error',
        file,
        path: '',
        message: `not valid JSON: ${(e as Error).message}`,
      });
    }
  }
  return catalogs;
}

/**
 * pages/<lang>/<slug>.md: YAML front-matter between `---` lines (who the page is for), then Markdown whose
 * first `# ` heading is the title. Each problem names the file and the front-matter field.
 */
async function readPages(dir: string, problems: PackProblem[]): Promise<CountryPack['pages']> {
  const pages: CountryPack['pages'] = {};
  for (const lang of await listDir(join(dir, 'pages'))) {
    const byLang: Record<string, Page> = {};
    for (const name of await listDir(join(dir, 'pages', lang))) {
      if (!name.endsWith('.md')) continue;
      const file = `pages/${lang}/${name}`;
      const slug = basename(name, '.md');
      if (!/^[a-z0-9][a-z0-9-]{0,47}$/.test(slug)) {
        problems.push({ severity: 'error', file, path: '', message: 'page names use a-z, 0-9 and -' });
        continue;
      }
      const page = readPage(file, (await readText(join(dir, file))) ?? '', problems);
      if (page) byLang[slug] = page;
    }
    pages[lang] = byLang;
  }
  return pages;
}

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

function readPage(file: string, source: string, problems: PackProblem[]): Page | undefined {
  const front = FRONT_MATTER.exec(source.replace(/^\uFEFF/, ''));
  if (!front) {
    problems.push({
      severity: 'error',
      file,
      path: 'line 1',
      message: `a page starts with front-matter between --- lines, like:\n${PAGE_FRONT_MATTER_EXAMPLE}`,
    });
    return undefined;
  }
  const markdown = source.replace(/^\uFEFF/, '').slice(front[0].length);
  const title = /^# (.+)$/m.exec(markdown)?.[1]?.trim();
  if (!title) {
    problems.push({
      severity: 'error',
      file,
      path: `line ${front[0].split('\n').length}`,
      message: 'after the front-matter, a page starts with a "# Title" line',
    });
    return undefined;
  }
  // A leading newline for the opening --- line, so a YAML error's line number is the file's.
  const value = parseYaml(file, `\n${front[1] ?? ''}`, problems);
  if (value === undefined) return undefined;
  const parsed = pageFrontMatterSchema.safeParse(value ?? {}, PARSE_OPTIONS);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({
        severity: 'error',
        file,
        path: formatPath(issue.path) || 'front-matter',
        message: `${describeIssue(pageFrontMatterSchema, issue)} (front-matter shape:\n${PAGE_FRONT_MATTER_EXAMPLE})`,
      });
    }
    return undefined;
  }
  return { title, markdown, ...parsed.data };
}

/** `['services', 0, 'phones', 1]` → `services[0].phones[1]`, as administrators read YAML. */
function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

async function listDir(path: string): Promise<string[]> {
  try {
    return (await readdir(path)).sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

/** The pack is passed around as a value; freezing it means no request can change it for the next one. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
