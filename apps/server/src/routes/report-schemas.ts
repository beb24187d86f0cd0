import { manifestItemSchema, reportMetadataSchema } from '@vangnet/core';
import { isRecipient } from '@vangnet/crypto';
import { z } from 'zod';
import { MAX_BODY_BYTES, MAX_ITEM_BYTES, MAX_ITEMS } from '../services/intake.ts';

/** Request and response schemas of the reporter API: they validate, type and document (OpenAPI). */

const base64Chars = (bytes: number) => Math.ceil(bytes / 3) * 4;
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex');

export const idempotencyHeaders = z.looseObject({
  'idempotency-key': z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,128}$/, 'a UUID or 16 to 128 letters, digits, - or _')
    .describe('A fresh UUID per write; send the same key again to retry it safely.'),
});

export const ageRecipientSchema = z
  .string()
  .max(100)
  .refine((v) => isRecipient(v), 'an age X25519 recipient (age1…)');

export const submitReportBody = z.strictObject({
  metadata: reportMetadataSchema,
  reporter: z.strictObject({
    recipient: ageRecipientSchema.describe("The reporter's own recipient, derived from the receipt code."),
    accessTokenHash: sha256Hex.describe('SHA-256 of the receipt-derived access token.'),
  }),
  body: z
    .string()
    .max(base64Chars(MAX_BODY_BYTES))
    .describe('base64 of the sealed report body (age format).'),
  items: z
    .array(
      z.strictObject({
        id: manifestItemSchema.shape.id,
        sha256: sha256Hex.describe('SHA-256 of the sealed item (ciphertext) that will be uploaded.'),
        size: z.number().int().min(1).max(MAX_ITEM_BYTES),
      }),
    )
    .max(MAX_ITEMS),
});

export const serverReceiptSchema = z.object({
  version: z.literal(1),
  reportId: z.string(),
  receivedAt: z.string(),
  country: z.string(),
  body: z.object({ sha256: z.string(), size: z.number() }),
  items: z.array(z.object({ id: z.string(), sha256: z.string(), size: z.number() })),
});

export const submitReportAnswer = z.object({
  reportId: z.string(),
  status: z.enum(['awaiting-evidence', 'new']),
  receipt: serverReceiptSchema.optional(),
  signature: z.string().optional(),
  uploadUrl: z.string(),
});

export const bearerHeaders = z.looseObject({
  authorization: z.string().max(200).optional().describe('Bearer <access token, 64 hex characters>'),
});

export const selfAnswer = z.object({
  reportId: z.string(),
  status: z.string(),
  createdAt: z.string(),
  timeline: z.array(
    z.object({
      at: z.string(),
      event: z.string(),
      detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    }),
  ),
  receipt: serverReceiptSchema.optional(),
  signature: z.string().optional(),
  items: z.array(z.object({ id: z.string(), received: z.boolean() })),
  messages: z.array(
    z.object({
      id: z.string(),
      author: z.enum(['reporter', 'helpline']),
      sealed: z.string(),
      createdAt: z.string(),
    }),
  ),
});

export const MAX_MESSAGE_BYTES = 256 * 1024;

export const postMessageBody = z.strictObject({
  sealed: z
    .string()
    .max(base64Chars(MAX_MESSAGE_BYTES))
    .describe('base64 of the sealed message (age format).'),
});

export const postMessageAnswer = z.object({ id: z.string(), createdAt: z.string() });

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  code: z.string(),
  detail: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
