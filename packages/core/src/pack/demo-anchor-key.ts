/**
 * The public half of the demo trust anchor the shipped packs name, so `npm start` on embedded defaults
 * has a signed recipient list with no manual step. Its private half is public too
 * (apps/server/src/staff/demo-anchor.ts), and the server signs the demo helpline's list with it by
 * itself: that protects nothing, so `pack check` warns wherever a pack still names it. A real
 * deployment puts its administrators' own anchor here (docs/adapting-a-country.md).
 */
export const DEMO_ANCHOR_PUBLIC_KEY = '9ca4e9b3896ad4089e0ebe1565398da4bf9e9a9213bef15c2dff9718f054fd25';
