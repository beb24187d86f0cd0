export * from './brand.ts';
export * from './pack/index.ts';
export * from './report-body.ts';
export * from './report-metadata.ts';
export * from './routing/index.ts';
export * from './sla/index.ts';
export * from './statistics/index.ts';
export * from './taxonomy.ts';
