export * from './check.ts';
export * from './contrast.ts';
export * from './describe-issue.ts';
export * from './nearest.ts';
export * from './public.ts';
export * from './schema.ts';
export * from './shell-crisis.ts';
export * from './texts.ts';
