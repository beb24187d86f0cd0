export * from './combinations.ts';
export * from './route-map.ts';
export * from './route-report.ts';
