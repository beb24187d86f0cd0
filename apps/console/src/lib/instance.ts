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
  services?: { id: string; name?: string | Record<string, string> }[];
  texts?: Record<string, Record<string, string>>;
};

export type Instance = { config: InstanceConfig; pack: PublicPackView };

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
