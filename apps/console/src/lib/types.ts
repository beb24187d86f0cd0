import type { ReportMetadata, ReportState } from '@vangnet/core';

/** What the staff API sends (docs/contracts.md, "Staff"). Sealed fields stay base64 until opened. */
export type Worker = {
  id: string;
  email: string;
  role: string;
  helplineId: string;
  country: string;
  /** The name standard replies are signed with; set by the worker. */
  displayName?: string | null;
};

export type CaseSummary = {
  id: string;
  metadata: ReportMetadata;
  status: ReportState;
  createdAt: string;
  visibleAt: string | null;
  assignee: { id: string; email?: string } | string | null;
  /** Set by the server from the pack's urgency rules. */
  urgent?: boolean;
  /** When a worker first reached the reporter; null while the first-contact countdown runs. */
  firstContactAt?: string | null;
  /** The reporter wrote since a worker last opened the case. */
  unread?: boolean;
};

/** A reminder or escalation the signed-in worker was told about (GET /staff/reminders). */
export type Reminder = {
  caseId: string;
  kind: 'first-contact' | 'partner-confirmation';
  step: 'reminder' | 'escalation';
  deadline: string;
  at: string;
  serviceId?: string;
};

export type CaseMessage = {
  id: string;
  author: 'reporter' | 'helpline';
  sealed: string;
  createdAt: string;
  internal?: boolean;
  workerId?: string | null;
};

export type ServerReceipt = {
  version: 1;
  reportId: string;
  receivedAt: string;
  country: string;
  body: { sha256: string; size: number };
  items: { id: string; sha256: string; size: number }[];
};

export type CaseDetail = {
  id: string;
  metadata: ReportMetadata;
  status: ReportState;
  createdAt: string;
  visibleAt: string | null;
  assignee?: CaseSummary['assignee'];
  /** Kept past its retention period by a supervisor's legal hold. */
  legalHold?: boolean;
  firstContactAt?: string | null;
  firstContactVia?: 'message' | 'phone' | 'chat' | null;
  body: string;
  items: { id: string; sha256: string; size: number }[];
  receipt: ServerReceipt | null;
  signature: string | null;
  messages: CaseMessage[];
  /** The reporter's age recipient, so a reply is sealed to them too. */
  reporterRecipient?: string;
  /** Set when another member state's instance handed the case over (docs/federation.md). */
  federatedFrom?: { country: string; helplineName: string; receiptVerified: boolean } | null;
};

export type InstanceConfig = {
  country: string;
  packVersion: string;
  languages: string[];
  /** After `withTrustedRecipients`: only the recipients of a signed list that verified. */
  helplineRecipients: string[];
  /** The signed recipient list as the server hands it out (unchecked). */
  signedRecipients?: unknown;
  /** Whether the signed list verified against the pack's trust anchors. */
  recipientsVerified?: boolean;
  serverPublicKey: string;
  /** Languages whose console texts the pack brings (served at /api/v1/catalogs/console/<lang>). */
  consoleCatalogs?: string[];
};

export function assigneeId(a: CaseSummary['assignee'] | undefined): string | null {
  if (!a) return null;
  return typeof a === 'string' ? a : a.id;
}

export function assigneeLabel(a: CaseSummary['assignee'] | undefined): string | null {
  if (!a) return null;
  return typeof a === 'string' ? a : (a.email ?? a.id);
}
