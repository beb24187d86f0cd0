/**
 * The demo partner key of the shipped packs (NL: Offlimits' webhook and the police's e-mail). Its
 * identity is public on purpose, so tests and demos can open what the console sealed to the partner with
 * the real `age` CLI. A real deployment replaces the recipient in services.yaml with the partner's own.
 */
export const DEMO_PARTNER_IDENTITY =
  'AGE-SECRET-KEY-1NLNGSF2SNYSNJ0MENYLLY5KC8ZCY2Q49KS4UD5GS5LC7EDZQC7GQWTKXKY';
export { DEMO_PARTNER_RECIPIENT } from '@vangnet/core';
