export * from './check.ts';
export * from './contrast.ts';
export * from './public.ts';
export * from './schema.ts';
export * from './texts.ts';
