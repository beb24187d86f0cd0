/**
 * The demo trust anchor's private key. Public on purpose, like the demo partner key: with it the server
 * signs the demo helpline's recipient list by itself, so `npm start` and the tests work with no manual
 * step. A pack that names this anchor has no protection against a server that swaps the helpline's key;
 * `pack check` warns about it, and a real deployment names its administrators' own anchor instead.
 */
export const DEMO_ANCHOR_PRIVATE_KEY = '5a0351027c2071faa8ec4c49ff3c0be9458e91b93f7c6693472cbe784ba20b48';
export { DEMO_ANCHOR_PUBLIC_KEY } from '@vangnet/core';
