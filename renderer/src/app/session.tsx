import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useModel } from '../features/classify/useModel';
import { useGallery } from '../features/gallery/useGallery';
import { InputSizeProvider } from '../features/input-size/useInputSize';
import { InferenceClient } from '../inference/client';
import { useSettings } from './settings';

function useSessionState() {
  const client = useMemo(() => new InferenceClient(), []);
  const { settings, update } = useSettings();
  const model = useModel(client, settings.backend);
  const gallery = useGallery();
  return { client, settings, updateSettings: update, model, gallery };
}

export type Session = ReturnType<typeof useSessionState>;

const SessionContext = createContext<Session | null>(null);

/** What every view shares: the inference worker, settings, the selected model and the gallery. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const session = useSessionState();
  return (
    <SessionContext.Provider value={session}>
      <InputSizeProvider>{children}</InputSizeProvider>
    </SessionContext.Provider>
  );
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
