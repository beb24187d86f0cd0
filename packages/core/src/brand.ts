/** A nominal type: a `Brand<string, 'ReportId'>` will not fit where a `Brand<string, 'WorkerId'>` is expected. */
export type Brand<T, Name extends string> = T & { readonly __brand: Name };
