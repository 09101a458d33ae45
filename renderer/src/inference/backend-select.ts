/**
 * Which execution provider a session is created on, and what the user is told when it is not the one
 * they asked for. Pure: the worker feeds it what it probed.
 */
import type { Backend, BackendPreference, GpuProbe } from './messages';

/** The order to try backends in, and the notice to show if the result is not what was asked for. */
export type BackendPlan = { order: Backend[]; notice: string | null };

type AdapterInfoLike = {
  vendor?: string;
  architecture?: string;
  description?: string;
  isFallbackAdapter?: boolean;
};

/**
 * A software WebGPU adapter (SwiftShader, or the browser's declared fallback adapter). It is correct but
 * tens of times slower than WASM (ResNet-18 at 224: 5.5 s a run against 0.15 s), so 'auto' skips it.
 */
export function isSoftwareAdapter(info: AdapterInfoLike): boolean {
  if (info.isFallbackAdapter) return true;
  const text = `${info.vendor ?? ''} ${info.architecture ?? ''} ${info.description ?? ''}`.toLowerCase();
  return text.includes('swiftshader') || text.includes('llvmpipe') || text.includes('software');
}

/** What `navigator.gpu.requestAdapter()` gave, as a probe result with a printable reason. */
export function gpuProbeFrom(
  hasNavigatorGpu: boolean,
  adapterInfo: AdapterInfoLike | null,
  error?: string,
): GpuProbe {
  if (!hasNavigatorGpu) {
    return { available: false, reason: 'this browser exposes no WebGPU (navigator.gpu is undefined)' };
  }
  if (error) return { available: false, reason: `navigator.gpu.requestAdapter() failed: ${error}` };
  if (!adapterInfo) {
    return {
      available: false,
      reason:
        'navigator.gpu.requestAdapter() returned no adapter (no usable GPU, or WebGPU is disabled; ' +
        'Chromium on Linux needs --enable-unsafe-webgpu)',
    };
  }
  return {
    available: true,
    adapter: {
      vendor: adapterInfo.vendor ?? '',
      architecture: adapterInfo.architecture ?? '',
      description: adapterInfo.description ?? '',
      isFallback: isSoftwareAdapter(adapterInfo),
    },
  };
}

/**
 * Decides the backends to try for a session.
 * - `wasm`: WASM only.
 * - `webgpu`: WebGPU then WASM; a notice when WebGPU cannot be tried at all.
 * - `auto`: WebGPU on a hardware adapter, else WASM without a notice (nothing the user asked for failed).
 * A device lost earlier in this worker rules WebGPU out (onnxruntime keeps one device per process).
 */
export function planBackends(
  preference: BackendPreference,
  gpu: GpuProbe,
  gpuLost: string | null,
): BackendPlan {
  if (preference === 'wasm') return { order: ['wasm'], notice: null };
  if (gpuLost) {
    return {
      order: ['wasm'],
      notice:
        preference === 'webgpu'
          ? `the WebGPU device was lost earlier (${gpuLost}); using WASM until the app restarts`
          : null,
    };
  }
  if (!gpu.available) {
    return {
      order: ['wasm'],
      notice: preference === 'webgpu' ? `WebGPU is not available here: ${gpu.reason}; using WASM` : null,
    };
  }
  if (preference === 'auto' && gpu.adapter.isFallback) return { order: ['wasm'], notice: null };
  return { order: ['webgpu', 'wasm'], notice: null };
}

/** The notice shown when a backend that was tried failed and the next one took over. */
export function fallbackNotice(from: Backend, to: Backend, error: unknown): string {
  const name = (b: Backend) => (b === 'webgpu' ? 'WebGPU' : 'WASM');
  return `${name(from)} failed (${errorText(error)}); using ${name(to)}`;
}

/**
 * WASM threads: threads need SharedArrayBuffer, i.e. cross-origin isolation; without it onnxruntime
 * would silently use one, so say one. Otherwise the requested count, else the cores, at most 4 (ORT's
 * per-op work at batch 1 is small enough that more threads mostly add synchronization).
 */
export function wasmThreads(crossOriginIsolated: boolean, cores: number, requested: number | null): number {
  if (!crossOriginIsolated) return 1;
  const wanted = requested ?? Math.min(4, cores || 1);
  return Math.max(1, Math.floor(wanted));
}

/** An error's message, whatever was thrown (onnxruntime sometimes throws strings or numbers). */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  return String(error);
}

/**
 * Whether an error means the WASM runtime itself is broken (an Emscripten abort or a WebAssembly trap):
 * nothing more can run in this worker, so it must be restarted rather than reused.
 */
export function isFatalRuntimeError(error: unknown): boolean {
  if (typeof WebAssembly !== 'undefined' && error instanceof WebAssembly.RuntimeError) return true;
  const text = errorText(error);
  return /^Aborted\(|RuntimeError: (unreachable|memory access out of bounds)/.test(text);
}
