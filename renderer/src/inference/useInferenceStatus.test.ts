import { describe, expect, it } from 'vitest';
import type { LoadInfo } from './messages';
import { noticeOf } from './useInferenceStatus';

const info = { backend: 'wasm' } as LoadInfo;

describe('noticeOf', () => {
  it('tells about restarts and a stopped worker whatever the session', () => {
    expect(
      noticeOf({ type: 'restarted', reason: 'it stopped', sessions: ['main'] }, 'compare'),
    ).toMatchObject({
      kind: 'restarted',
      text: 'the inference worker restarted (it stopped)',
    });
    expect(noticeOf({ type: 'stopped', reason: 'gave up' }, 'main')).toMatchObject({
      kind: 'stopped',
      text: 'gave up',
    });
  });

  it('tells about fallbacks and lost sessions of the shown session only, and not about quiet reloads', () => {
    const fallback = {
      type: 'session',
      session: 'main',
      info,
      notice: 'WebGPU failed (x); using WASM',
    } as const;
    expect(noticeOf(fallback, 'main')).toMatchObject({
      kind: 'fallback',
      text: 'WebGPU failed (x); using WASM',
    });
    expect(noticeOf(fallback, 'compare')).toBeNull();
    expect(noticeOf({ type: 'session', session: 'main', info, notice: null }, 'main')).toBeNull();
    expect(noticeOf({ type: 'session-lost', session: 'main', error: '404' }, 'main')).toMatchObject({
      kind: 'session-lost',
      text: '404',
    });
  });

  it('gives every notice its own id', () => {
    const e = { type: 'stopped', reason: 'r' } as const;
    expect(noticeOf(e, 'main')!.id).not.toBe(noticeOf(e, 'main')!.id);
  });
});
