import type { Screen } from '../nav.ts';

export function Flow({ screen }: { screen: Screen }) {
  return <p>{screen}</p>;
}
