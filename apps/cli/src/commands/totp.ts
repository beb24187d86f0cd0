import { currentTotpCode, isTotpSecret, TOTP_PERIOD_SECONDS } from '@vangnet/server/staff/totp';

export const USAGE = 'usage: vangnet totp <base32 secret>   print the current sign-in code for a TOTP secret';

/** `vangnet totp <secret>`: the current sign-in code for a base32 TOTP secret (the demo login's). */
export async function run(args: string[]): Promise<number> {
  const secret = args[0]?.replace(/\s+/g, '').toUpperCase();
  if (!secret || args.length > 1 || !isTotpSecret(secret)) {
    console.error(USAGE);
    return 2;
  }
  const now = Date.now();
  const left = TOTP_PERIOD_SECONDS - (Math.floor(now / 1000) % TOTP_PERIOD_SECONDS);
  console.log(currentTotpCode(secret, now));
  console.error(`valid for ${left} more seconds`);
  return 0;
}
