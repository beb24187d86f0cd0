import { describe, expect, it } from 'vitest';
import { summariseLeadTimes } from './lead-times.ts';

const pack = {
  services: [
    { id: 'police', leadTimes: { firstContact: 'P3D', handover: 'P1D' } },
    { id: 'hotline', leadTimes: { firstContact: 'P1D', handover: 'PT4H' } },
  ],
} as Parameters<typeof summariseLeadTimes>[0];
const t = (hours: number) => new Date(Date.UTC(2026, 10, 24) + hours * 3_600_000).toISOString();

describe('referral lead times', () => {
  it('gives medians and the share within each service’s targets', () => {
    const figures = summariseLeadTimes(pack, [
      { serviceId: 'police', createdAt: t(0), deliveredAt: t(1), acknowledgedAt: t(25) },
      { serviceId: 'police', createdAt: t(0), deliveredAt: t(2), acknowledgedAt: t(100) },
      { serviceId: 'police', createdAt: t(0), deliveredAt: t(30) },
      { serviceId: 'police', createdAt: t(0) },
      { serviceId: 'hotline', createdAt: t(0), deliveredAt: t(5) },
    ]);
    expect(figures).toEqual([
      {
        serviceId: 'hotline',
        referrals: 1,
        delivered: 1,
        confirmed: 0,
        medianHandoverMs: 5 * 3_600_000,
        medianConfirmationMs: null,
        handoverWithinTarget: 0,
        confirmationWithinTarget: null,
      },
      {
        serviceId: 'police',
        referrals: 4,
        delivered: 3,
        confirmed: 2,
        medianHandoverMs: 2 * 3_600_000,
        medianConfirmationMs: ((24 + 98) / 2) * 3_600_000,
        handoverWithinTarget: 2 / 3,
        confirmationWithinTarget: 0.5,
      },
    ]);
  });

  it('is empty without referrals', () => {
    expect(summariseLeadTimes(pack, [])).toEqual([]);
  });
});
