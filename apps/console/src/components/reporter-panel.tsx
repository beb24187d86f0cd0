import type { Role } from '@vangnet/core';
import { textDirection } from '@vangnet/core/icu/direction';
import { LANGUAGE_NAMES } from '../lib/language.ts';
import { text } from '../lib/text.ts';

/**
 * Who reported and in which language. The role is clear metadata; the language comes from the sealed
 * report, opened in this browser (the server never learns it). The standard replies follow both.
 */
export function ReporterPanel({ language, role }: { language: string; role: Role }) {
  const base = language.toLowerCase().split('-')[0] ?? language;
  const name = LANGUAGE_NAMES[base];
  return (
    <section class="panel" aria-labelledby="reporter-h">
      <h2 id="reporter-h">{text.reporter.heading}</h2>
      <dl class="reporter">
        <div>
          <dt>{text.reporter.role}</dt>
          <dd data-role={role}>{text.roles[role]}</dd>
        </div>
        <div>
          <dt>{text.reporter.language}</dt>
          <dd data-language={language}>
            {name ? (
              <span lang={base} dir={textDirection(base)}>
                {name}
              </span>
            ) : (
              text.reporter.unknownLanguage(language)
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}
