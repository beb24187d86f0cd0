// Placeholder until this command lands; it says so instead of pretending to work.
export async function run(_args: string[]): Promise<number> {
  console.error('vangnet pack: not implemented yet');
  return 2;
}
