import { createContext, useContext, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { InputSizeChoice } from '../../lib/model-input';

/** A tiny observable holding the input size choice, shared by every view that runs or shapes the model. */
export type InputSizeStore = {
  get: () => InputSizeChoice;
  set: (choice: InputSizeChoice) => void;
  subscribe: (listener: () => void) => () => void;
};

/** A store starting at the model's standard preprocessing. */
export function createInputSizeStore(initial: InputSizeChoice = { kind: 'standard' }): InputSizeStore {
  let current = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    set: (choice) => {
      current = choice;
      for (const l of listeners) l();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

// Without a provider every view still shares one choice (this window's), so the views work before and
// after the provider is mounted in the session.
const InputSizeContext = createContext<InputSizeStore>(createInputSizeStore());

/** Scopes the input size choice to a session (mount it inside `SessionProvider`). */
export function InputSizeProvider({ children }: { children: ReactNode }) {
  const [store] = useState(() => createInputSizeStore());
  return <InputSizeContext.Provider value={store}>{children}</InputSizeContext.Provider>;
}

/** The shared input size choice and its setter; every subscriber re-renders when it changes. */
export function useInputSize(): { choice: InputSizeChoice; setChoice: (c: InputSizeChoice) => void } {
  const store = useContext(InputSizeContext);
  const choice = useSyncExternalStore(store.subscribe, store.get);
  return { choice, setChoice: store.set };
}
