export * from './combinations.ts';
export * from './partner-content.ts';
export * from './referral-reach.ts';
export * from './route-map.ts';
export * from './route-report.ts';
