export * from './deadlines.ts';
export * from './lead-time.ts';
