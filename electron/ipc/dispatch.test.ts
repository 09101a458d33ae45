import { describe, expect, it } from 'vitest';
import type { LensServices } from './contract';
import { dispatch, ServiceError } from './dispatch';

const services = {
  getAppInfo: () => ({ name: 'ResNet Lens', version: '1', platform: 'linux', host: 'test-host' }),
  listModels: () => [],
  loadModel: (id: string) => {
    throw new ServiceError('unknown-model', `no model with id ${id}`);
  },
} as unknown as LensServices;

describe('dispatch', () => {
  it('wraps a value', async () => {
    expect(await dispatch(services, 'getAppInfo', [])).toEqual({ ok: true, value: services.getAppInfo() });
  });
  it('refuses unknown methods and prototype names', async () => {
    expect(await dispatch(services, 'rm', [])).toMatchObject({
      ok: false,
      error: { code: 'unknown-method' },
    });
    expect(await dispatch(services, 'toString', [])).toMatchObject({
      ok: false,
      error: { code: 'unknown-method' },
    });
  });
  it('parses arguments before any service runs', async () => {
    const bad = await dispatch(services, 'loadModel', ['../../etc/passwd', { outputs: 'stages' }]);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    const extra = await dispatch(services, 'loadModel', ['x', { outputs: 'stages', evil: 1 }]);
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    const notArray = await dispatch(services, 'getAppInfo', 'hello');
    expect(notArray).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
  });
  it('keeps the code and message of service errors', async () => {
    expect(await dispatch(services, 'loadModel', ['nope', { outputs: 'logits' }])).toEqual({
      ok: false,
      error: { code: 'unknown-model', message: 'no model with id nope' },
    });
  });
});
