/**
 * The PRIVATE half of the demo release key. Public on purpose, like the demo partner key: every build
 * made without a release key of its own is signed with it (scripts/build-list-plugin.ts), so `npm start`
 * and the tests run the build check end to end. A pack that names its public half
 * (packages/core/src/pack/release-key.ts) accepts builds that anyone can sign; `pack check` says so.
 * A helpline replaces it: `npx vangnet sign-build --new-key <file>`, then `sign-build <dist> --key <file>`.
 */
export const DEMO_RELEASE_PRIVATE_KEY = 'afaa76e3ceae6d2f460ced5958ccd7692992bb5400828cbf7f07df7d4de9bb9c';
