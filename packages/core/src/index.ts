export * from './brand.ts';
export * from './report-body.ts';
export * from './report-metadata.ts';
export * from './taxonomy.ts';
