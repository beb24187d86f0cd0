import { describe, expect, it } from 'vitest';
import { z } from 'zod/mini';
import { describeIssue, describeShape, schemaAt } from './describe-issue.ts';
import { routesFileSchema, servicesFileSchema } from './schema.ts';

const messages = (schema: z.ZodMiniType, value: unknown) => {
  const result = schema.safeParse(value, { reportInput: true, error: z.locales.en().localeError });
  return result.success ? [] : result.error.issues.map((issue) => describeIssue(schema, issue));
};

const service = {
  id: 'line',
  name: 'Line',
  kind: 'helpline',
  web: { url: 'https://line.test' },
  handles: ['harassment'],
  audience: ['young'],
  feedback: 'none',
  leadTimes: { firstContact: 'P1D', handover: 'P1D' },
};

describe('describeIssue', () => {
  it.each<[string, z.ZodMiniType, unknown, string]>([
    [
      'a misspelt field, with the nearest valid one',
      servicesFileSchema,
      { services: [{ ...service, webb: service.web, web: undefined }] },
      'unknown field "webb" (did you mean "web"?); the fields here are: id, name, kind, phones, chat, web,',
    ],
    [
      'a misspelt value',
      servicesFileSchema,
      { services: [{ ...service, kind: 'helpine' }] },
      'unknown value "helpine" (did you mean "helpline"?); expected one of: helpline, hotline,',
    ],
    [
      'a map where a list of flags belongs',
      routesFileSchema,
      { rules: [{ id: 'r', match: { flags: { danger: true } }, services: [{ service: 'line' }] }] },
      'expected a list such as [ongoing, danger], from: ongoing, danger, selfHarm, imageAbuse, but found a map',
    ],
    [
      'a missing field',
      servicesFileSchema,
      { services: [{ ...service, leadTimes: undefined }] },
      'missing; expected a map with the fields firstContact, handover',
    ],
  ])('%s', (_name, schema, value, expected) => {
    expect(messages(schema, value).join('\n')).toContain(expected);
  });
});

describe('schemaAt and describeShape', () => {
  it('walks objects, lists and wrappers to the schema at a path', () => {
    const at = schemaAt(servicesFileSchema, ['services', 0, 'connector']);
    expect(at && describeShape(at)).toContain('a map with the fields type');
    expect(schemaAt(servicesFileSchema, ['services', 0, 'nothing-here'])).toBeUndefined();
  });
});
