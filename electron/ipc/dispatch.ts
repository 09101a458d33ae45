import { argSchemas, type ErrorInfo, type LensServices, type Method, type Result } from './contract';

/** Thrown by services for failures the user should read as they are (code + message). */
export class ServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

function toErrorInfo(err: unknown): ErrorInfo {
  if (err && typeof err === 'object' && 'code' in err && 'message' in err) {
    const { code, message } = err as { code: unknown; message: unknown };
    if (typeof code === 'string' && typeof message === 'string') return { code, message };
  }
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
}

function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(argSchemas, name);
}

/**
 * Validates untrusted arguments against the contract, calls the service, and wraps the outcome.
 * Both transports (Electron IPC in main, Playwright's binding in the test host) go through here, so the
 * renderer gets exactly the same answers from both.
 */
export async function dispatch(
  services: LensServices,
  method: string,
  rawArgs: unknown,
): Promise<Result<unknown>> {
  if (!isMethod(method))
    return { ok: false, error: { code: 'unknown-method', message: `unknown method ${method}` } };
  const parsed = argSchemas[method].safeParse(rawArgs);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'args'}: ${i.message}`).join('; ');
    return { ok: false, error: { code: 'invalid-arguments', message: `${method}: ${detail}` } };
  }
  try {
    const call = services[method] as (...args: unknown[]) => unknown;
    const value = await call(...(parsed.data as unknown[]));
    return { ok: true, value };
  } catch (err) {
    return { ok: false, error: toErrorInfo(err) };
  }
}
