import type { PackMeta } from '@vangnet/core/pack/schema';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { InstanceConfig } from './types.ts';

/**
 * What every screen needs after sign-in: the instance settings (helpline recipients for sealing,
 * the server key for checking receipts) and the public part of the country pack (SLA targets, texts,
 * services for referral).
 */
export type PublicPackView = {
  meta: Pick<PackMeta, 'code' | 'name' | 'defaultLanguage' | 'sla' | 'helpline'> & Partial<PackMeta>;
  services?: { id: string; name?: string | Record<string, string>; kind?: string }[];
  texts?: Record<string, Record<string, string>>;
  /** Crisis lines (only what the standard replies need: the numbers for a `danger` answer). */
  crisis?: { id: string; phones: { number: string; display?: string }[]; when?: { flags?: string[] } }[];
  /** True when the server's pack had no SLA and FALLBACK_SLA is in use. */
  fallbackSla?: boolean;
};

export type Instance = { config: InstanceConfig; pack: PublicPackView };

/**
 * Used only when the server's /pack has no SLA (a server without a loaded pack): the targets from the
 * seeds (first human contact within 24 h; 1 h when someone is in danger). The queue says so.
 */
export const FALLBACK_SLA: PackMeta['sla'] = {
  firstContact: { default: 'PT24H', urgent: 'PT1H' },
  remindBefore: 'PT1H',
  urgentWhen: ['danger', 'selfHarm'],
  urgentCategories: ['self-harm'],
};

/**
 * Fills what the console needs from a pack that may be partial, and notes when defaults were used. The
 * status workflow is not in the public pack; it comes from `/staff/workflow`, so each step's required
 * fields are known before the first submit.
 */
export function normalisePack(
  raw: unknown,
  config: InstanceConfig,
  workflow?: PackMeta['statusWorkflow'] | null,
): PublicPackView {
  const pack = (raw ?? {}) as Partial<PublicPackView>;
  const meta = (pack.meta ?? {}) as Partial<PublicPackView['meta']>;
  return {
    ...pack,
    meta: {
      ...meta,
      ...(workflow ? { statusWorkflow: workflow } : {}),
      code: meta.code ?? config.country,
      name: meta.name ?? config.country,
      defaultLanguage: meta.defaultLanguage ?? config.languages[0] ?? 'en',
      sla: meta.sla ?? FALLBACK_SLA,
      helpline: meta.helpline ?? { id: 'helpline', name: `Helpline ${config.country}` },
    },
    fallbackSla: meta.sla === undefined,
  };
}

export const InstanceContext = createContext<Instance | null>(null);

export function useInstance(): Instance {
  const value = useContext(InstanceContext);
  if (!value) throw new Error('useInstance outside a signed-in console');
  return value;
}

export function serviceName(s: { id: string; name?: string | Record<string, string> }, lang: string): string {
  if (typeof s.name === 'string') return s.name;
  if (s.name) return s.name[lang] ?? Object.values(s.name)[0] ?? s.id;
  return s.id;
}
