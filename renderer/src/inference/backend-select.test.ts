import { describe, expect, it } from 'vitest';
import {
  fallbackNotice,
  gpuProbeFrom,
  isFatalRuntimeError,
  isSoftwareAdapter,
  planBackends,
  wasmThreads,
} from './backend-select';
import type { GpuProbe } from './messages';

const hardware = gpuProbeFrom(true, { vendor: 'nvidia', architecture: 'ampere', description: '' });
const software = gpuProbeFrom(true, { vendor: '', architecture: '', isFallbackAdapter: true });
const none = gpuProbeFrom(true, null);

describe('gpuProbeFrom', () => {
  it('says why WebGPU is unavailable: no navigator.gpu, no adapter, or an error', () => {
    expect(gpuProbeFrom(false, null)).toEqual({
      available: false,
      reason: 'this browser exposes no WebGPU (navigator.gpu is undefined)',
    });
    expect(none.available).toBe(false);
    expect((none as { reason: string }).reason).toContain('returned no adapter');
    expect((gpuProbeFrom(true, null, 'boom') as { reason: string }).reason).toBe(
      'navigator.gpu.requestAdapter() failed: boom',
    );
  });
  it('marks SwiftShader and declared fallback adapters as software', () => {
    expect(isSoftwareAdapter({ vendor: 'google', architecture: 'swiftshader' })).toBe(true);
    expect(isSoftwareAdapter({ description: 'llvmpipe (LLVM 15.0.6, 256 bits)' })).toBe(true);
    expect(isSoftwareAdapter({ isFallbackAdapter: true })).toBe(true);
    expect(isSoftwareAdapter({ vendor: 'nvidia', architecture: 'ampere' })).toBe(false);
    expect((software as Extract<GpuProbe, { available: true }>).adapter.isFallback).toBe(true);
  });
});

describe('planBackends', () => {
  it('wasm: only WASM, no notice', () => {
    expect(planBackends('wasm', hardware, null)).toEqual({ order: ['wasm'], notice: null });
  });
  it('auto: WebGPU then WASM on a hardware adapter; WASM silently otherwise', () => {
    expect(planBackends('auto', hardware, null)).toEqual({ order: ['webgpu', 'wasm'], notice: null });
    expect(planBackends('auto', software, null)).toEqual({ order: ['wasm'], notice: null });
    expect(planBackends('auto', none, null)).toEqual({ order: ['wasm'], notice: null });
  });
  it('webgpu: tried even on a software adapter; a notice with the reason when it cannot be', () => {
    expect(planBackends('webgpu', software, null)).toEqual({ order: ['webgpu', 'wasm'], notice: null });
    const plan = planBackends('webgpu', none, null);
    expect(plan.order).toEqual(['wasm']);
    expect(plan.notice).toMatch(
      /^WebGPU is not available here: navigator\.gpu\.requestAdapter\(\) returned no adapter .*; using WASM$/,
    );
  });
  it('after a device loss, WASM only; the user who asked for WebGPU is told why', () => {
    expect(planBackends('webgpu', hardware, 'destroyed: Device was destroyed.')).toEqual({
      order: ['wasm'],
      notice:
        'the WebGPU device was lost earlier (destroyed: Device was destroyed.); using WASM until the app restarts',
    });
    expect(planBackends('auto', hardware, 'unknown')).toEqual({ order: ['wasm'], notice: null });
  });
});

describe('fallback and errors', () => {
  it('words the fallback notice with the cause', () => {
    expect(fallbackNotice('webgpu', 'wasm', new Error('no kernel for Foo'))).toBe(
      'WebGPU failed (no kernel for Foo); using WASM',
    );
    expect(fallbackNotice('webgpu', 'wasm', 42)).toBe('WebGPU failed (42); using WASM');
  });
  it('treats Emscripten aborts and WebAssembly traps as fatal, ordinary errors not', () => {
    expect(isFatalRuntimeError(new WebAssembly.RuntimeError('unreachable'))).toBe(true);
    expect(isFatalRuntimeError(new Error('Aborted(OOM)'))).toBe(true);
    expect(isFatalRuntimeError(new Error("input 'x' is missing"))).toBe(false);
  });
});

describe('wasmThreads', () => {
  it('is 1 without cross-origin isolation, whatever was asked', () => {
    expect(wasmThreads(false, 8, 4)).toBe(1);
  });
  it('is the request when isolated, else the cores, 1 to 4', () => {
    expect(wasmThreads(true, 2, null)).toBe(2);
    expect(wasmThreads(true, 16, null)).toBe(4);
    expect(wasmThreads(true, 2, 1)).toBe(1);
    expect(wasmThreads(true, 0, null)).toBe(1);
  });
});
