import type { PackProblem } from './check.ts';
import type { CountryPack, Link, Phone } from './schema.ts';

/** ZZ is the template's user-assigned code (ISO 3166-1): never a real country. */
const TEMPLATE_CODE = 'ZZ';
const TEMPLATE_NAME = 'Template country';
/** `.example` is reserved for examples (RFC 2606); the template's addresses all use it. */
const EXAMPLE_HOST = /^https?:\/\/([^/?#]+\.)?example(:\d+)?([/?#]|$)|@([^@\s]+\.)?example$/i;
/** The template's placeholder numbers: a country code followed by nothing but zeros. */
const PLACEHOLDER_NUMBER = /^\+\d0{6,}$/;

const fix = "replace the template's placeholder with the real value (docs/adapting-a-country.md)";

/**
 * What is still the template's own after a copy: its code, its name, `.example` addresses and
 * all-zero numbers. A pack that passed with these would show children numbers that ring nowhere.
 */
export function findTemplateLeftovers(pack: CountryPack): Omit<PackProblem, 'severity'>[] {
  const found: Omit<PackProblem, 'severity'>[] = [];
  const add = (file: string, path: string, what: string) =>
    found.push({ file, path, message: `${what} is the template's placeholder; ${fix}` });
  if (pack.meta.code === TEMPLATE_CODE) add('pack.yaml', 'code', `code ${TEMPLATE_CODE}`);
  if (pack.meta.name === TEMPLATE_NAME) add('pack.yaml', 'name', `"${TEMPLATE_NAME}"`);
  const phones = (file: string, base: string, list: Phone[]) =>
    list.forEach((phone, i) => {
      if (PLACEHOLDER_NUMBER.test(phone.number))
        add(file, `${base}.phones[${i}].number`, `the number ${phone.number}`);
    });
  const link = (file: string, path: string, value: Link | undefined) => {
    if (value && EXAMPLE_HOST.test(value.url)) add(file, `${path}.url`, `the address ${value.url}`);
  };
  const address = (file: string, path: string, value: string | undefined) => {
    if (value && EXAMPLE_HOST.test(value)) add(file, path, `the address ${value}`);
  };
  pack.services.forEach((service, i) => {
    const base = `services[${i}]`;
    phones('services.yaml', base, service.phones);
    link('services.yaml', `${base}.chat`, service.chat);
    link('services.yaml', `${base}.web`, service.web);
    const { connector } = service;
    if (connector.type === 'webhook') address('services.yaml', `${base}.connector.url`, connector.url);
    if (connector.type === 'email') address('services.yaml', `${base}.connector.to`, connector.to);
  });
  pack.crisis.forEach((line, i) => {
    phones('crisis.yaml', `lines[${i}]`, line.phones);
    link('crisis.yaml', `lines[${i}].chat`, line.chat);
  });
  pack.platforms.forEach((platform, i) => {
    const base = `platforms[${i}]`;
    address('platforms.yaml', `${base}.reportUrl`, platform.reportUrl);
    address('platforms.yaml', `${base}.blockUrl`, platform.blockUrl);
    address('platforms.yaml', `${base}.dsaContact.url`, platform.dsaContact?.url);
    address('platforms.yaml', `${base}.dsaContact.email`, platform.dsaContact?.email);
  });
  return found;
}
