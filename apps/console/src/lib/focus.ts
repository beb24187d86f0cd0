import { useEffect, useRef } from 'preact/hooks';

/** Moves focus to the element when it mounts: each sign-in step has one field to fill. */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
