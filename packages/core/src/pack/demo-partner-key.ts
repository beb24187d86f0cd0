/**
 * The recipient of the demo partner key the shipped packs use for their example connectors. Its secret
 * is public (apps/server/src/referrals/demo-partner.ts) so tests and demos can open what the console
 * sealed; `pack check` warns wherever a pack still uses it, because anyone could read those hand-overs.
 */
export const DEMO_PARTNER_RECIPIENT = 'age1mlc5c8rq0fn3cge64gyn4dgf86kxenmjg63gwqnse9urym6qc3eq57ee7w';
