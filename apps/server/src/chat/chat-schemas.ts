import { AGE_BANDS } from '@vangnet/core';
import { z } from 'zod';
import { base64Schema } from '../http/base64-schema.ts';
import { ageRecipientSchema } from '../routes/report-schemas.ts';

/** A chat message is short text (or a small evidence note); 64 KiB of ciphertext is far above one. */
export const MAX_CHAT_MESSAGE_BYTES = 64 * 1024;

/**
 * A photo the child shares from the vault travels beside the chat, not inside a message: sealed on the
 * device like the messages, put once under an id the device makes, and named by a (small) message.
 * 8 MiB covers a phone photo; anything larger belongs in a report, whose uploads resume.
 */
export const MAX_CHAT_PHOTO_BYTES = 8 * 1024 * 1024;

export const chatIdSchema = z.uuid().describe('The chat id, a random UUID made on the device.');
export const chatParams = z.object({ id: chatIdSchema });
export const attachmentParams = z.object({
  id: chatIdSchema,
  attachmentId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, 'an id of 8 to 64 letters, digits, - or _')
    .describe('The id the device gave the sealed photo; the message that shows it names it.'),
});
export const clientIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'an id of 8 to 64 letters, digits, - or _')
  .describe("The sender's own id for this message: a resend with the same id is the same message.");

export const bearerHeaders = z.looseObject({
  authorization: z.string().max(200).describe('Bearer <chat token, 64 hex>'),
});

export const startChatBody = z.strictObject({
  chatId: chatIdSchema,
  childRecipient: ageRecipientSchema.describe("The device's short-lived age recipient for this chat."),
  lang: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/),
  ageBand: z.enum(AGE_BANDS).optional(),
  urgent: z.boolean().optional(),
});

export const postChatMessageBody = z.strictObject({
  clientId: clientIdSchema,
  sealed: base64Schema.max(Math.ceil(MAX_CHAT_MESSAGE_BYTES / 3) * 4),
});

export const messageSchema = z.object({
  seq: z.number(),
  clientId: z.string(),
  author: z.enum(['child', 'counsellor']),
  sealed: z.string(),
  at: z.string(),
});

export const childStateSchema = z.object({
  status: z.string(),
  answered: z.boolean(),
  urgent: z.boolean(),
  /** The child left (quick exit or "leave") before or during the conversation. */
  childLeft: z.boolean(),
  /** Only while waiting: 1 is next. */
  position: z.number().nullable(),
});

export const streamQuery = z.object({ after: z.coerce.number().int().min(0).optional() });

export const outcomeSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a short code');
