import type { LensApi, Method, MethodArgs, MethodResults, Result } from '../../electron/ipc/contract';

declare global {
  interface Window {
    /** The one API object: the preload's in Electron, the test host's in e2e. */
    lens: LensApi;
  }
}

/** A failed main-process call, with the contract's error code. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Calls a contract method and unwraps its `Result`, throwing `ApiError` on failure. */
export async function call<M extends Method>(method: M, ...args: MethodArgs<M>): Promise<MethodResults[M]> {
  const fn = window.lens[method] as unknown as (...a: MethodArgs<M>) => Promise<Result<MethodResults[M]>>;
  const result = await fn(...args);
  if (!result.ok) throw new ApiError(result.error.code, result.error.message);
  return result.value as MethodResults[M];
}
