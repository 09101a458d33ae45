import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { InferenceClient, InferenceEvent } from './client';
import type { LoadInfo } from './messages';

/** Something the user should be told about the inference worker; `text` is the worker's own English detail. */
export type InferenceNotice = {
  id: number;
  kind: 'restarted' | 'fallback' | 'session-lost' | 'stopped';
  text: string;
};

let nextNoticeId = 1;

/** The notice an event deserves for the UI showing `session`, or null (events about other sessions). */
export function noticeOf(event: InferenceEvent, session: string): InferenceNotice | null {
  const id = nextNoticeId++;
  switch (event.type) {
    case 'restarted':
      return { id, kind: 'restarted', text: `the inference worker restarted (${event.reason})` };
    case 'stopped':
      return { id, kind: 'stopped', text: event.reason };
    case 'session':
      return event.session === session && event.notice ? { id, kind: 'fallback', text: event.notice } : null;
    case 'session-lost':
      return event.session === session ? { id, kind: 'session-lost', text: event.error } : null;
  }
}

/**
 * What session `session` runs on right now (it changes when WebGPU falls back to WASM or the worker
 * restarts), and the notices to show about it, newest last. For the toolbar's status and notice area.
 */
export function useInferenceStatus(client: InferenceClient, session: string) {
  const subscribe = useCallback((onChange: () => void) => client.subscribe(onChange), [client]);
  const info: LoadInfo | null = useSyncExternalStore(subscribe, () => client.sessionInfo(session));
  const [notices, setNotices] = useState<InferenceNotice[]>([]);
  useEffect(
    () =>
      client.subscribe((event) => {
        const notice = noticeOf(event, session);
        if (notice) setNotices((list) => [...list.slice(-4), notice]);
      }),
    [client, session],
  );
  const dismiss = useCallback((id: number) => setNotices((list) => list.filter((n) => n.id !== id)), []);
  return { info, notices, dismiss };
}
