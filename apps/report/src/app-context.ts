import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { CrisisLine, PublicPack } from './pack.ts';

export interface AppValue {
  pack: PublicPack | null;
  crisis: CrisisLine[];
  online: boolean;
  discreet: boolean;
  setDiscreet: (on: boolean) => void;
}

export const AppContext = createContext<AppValue | null>(null);

export function useApp(): AppValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside AppContext');
  return value;
}
