/** Types for supported-node.mjs, which stays plain JavaScript so an old Node can run it. */
export function minimumNodeMajor(engines?: string): number;
export function nodeVersionProblem(version: string, minimumMajor?: number): string | undefined;
export function exitUnlessSupportedNode(): void;
