import { describe, expect, it } from 'vitest';
import { normalisePack } from './instance.ts';
import type { InstanceConfig } from './types.ts';

const config: InstanceConfig = {
  country: 'NL',
  packVersion: '2026.11.0',
  languages: ['nl', 'en'],
  helplineRecipients: [],
  serverPublicKey: '00',
};

describe('normalisePack', () => {
  it('adds the staff-only status workflow, so required fields are known before the first submit', () => {
    const transitions = [
      {
        from: ['new' as const],
        to: 'referred' as const,
        requires: ['serviceId' as const, 'consent' as const],
      },
    ];
    const pack = normalisePack({ meta: { code: 'NL' } }, config, { transitions });
    expect(pack.meta.statusWorkflow).toEqual({ transitions });
  });

  it('leaves the workflow out when the server did not send one (the status form uses the default)', () => {
    expect(normalisePack({ meta: { code: 'NL' } }, config, null).meta.statusWorkflow).toBeUndefined();
  });
});
