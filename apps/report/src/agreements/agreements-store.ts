import {
  AGREEMENT_AGE_BANDS,
  AGREEMENT_TOPICS,
  type AgreementAgeBand,
  type AgreementTopic,
} from '@vangnet/core/pack/agreement-topics';
import { readLocal, writeLocal } from '../lib/storage.ts';

/**
 * A family's agreements, kept in this browser's storage and nowhere else: no request ever carries them
 * (the e2e test listens to every request). What was picked is stored as its text, so an idea the pack
 * later rewords or drops stays as the family agreed it.
 */
export interface SavedAgreements {
  band: AgreementAgeBand | '';
  picked: Record<AgreementTopic, string[]>;
}

const KEY = 'vn.agreements';
const MAX_PER_TOPIC = 20;
const MAX_LENGTH = 200;

export function emptyAgreements(): SavedAgreements {
  return {
    band: '',
    picked: Object.fromEntries(AGREEMENT_TOPICS.map((t) => [t, []])) as unknown as SavedAgreements['picked'],
  };
}

/** What is stored, read defensively: storage is the user's, and an older or broken entry starts fresh. */
export function loadAgreements(): SavedAgreements {
  try {
    return parseAgreements(JSON.parse(readLocal(KEY) ?? 'null'));
  } catch {
    return emptyAgreements();
  }
}

/** Any stored value as agreements: unknown fields dropped, lists and lengths bounded. */
export function parseAgreements(stored: unknown): SavedAgreements {
  const out = emptyAgreements();
  const raw = stored as Partial<SavedAgreements> | null;
  if (!raw || typeof raw !== 'object') return out;
  if ((AGREEMENT_AGE_BANDS as readonly unknown[]).includes(raw.band)) out.band = raw.band as AgreementAgeBand;
  for (const topic of AGREEMENT_TOPICS) {
    const list = raw.picked?.[topic];
    if (Array.isArray(list))
      out.picked[topic] = list
        .filter((s): s is string => typeof s === 'string' && s.trim() !== '')
        .map((s) => s.slice(0, MAX_LENGTH))
        .slice(0, MAX_PER_TOPIC);
  }
  return out;
}

export function saveAgreements(value: SavedAgreements): void {
  writeLocal(KEY, JSON.stringify(value));
}

export function forgetAgreements(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // Nothing stored, nothing to forget.
  }
}

/** Adds or removes one agreement; a text is listed once per topic. */
export function toggleAgreement(
  value: SavedAgreements,
  topic: AgreementTopic,
  text: string,
  on: boolean,
): SavedAgreements {
  const clean = text.trim().slice(0, MAX_LENGTH);
  const list = value.picked[topic].filter((s) => s !== clean);
  if (on && clean && list.length < MAX_PER_TOPIC) list.push(clean);
  return { ...value, picked: { ...value.picked, [topic]: list } };
}
