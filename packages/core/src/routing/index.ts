export * from './combinations.ts';
export * from './route-report.ts';
