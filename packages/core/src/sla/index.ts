export * from './deadlines.ts';
export * from './first-contact.ts';
export * from './lead-time.ts';
