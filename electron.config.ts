import { copyFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

/**
 * onnxruntime-web's WASM binaries are served from the app's own origin, never from a CDN: copy the
 * ones the WebGPU/WASM build loads next to the renderer's bundle.
 */
function copyOrtWasm(): Plugin {
  const files = ['ort-wasm-simd-threaded.jsep.wasm', 'ort-wasm-simd-threaded.jsep.mjs'];
  return {
    name: 'copy-ort-wasm',
    apply: 'build',
    writeBundle(options) {
      const outDir = resolve(options.dir ?? 'out/renderer', 'ort');
      mkdirSync(outDir, { recursive: true });
      for (const f of files) copyFileSync(resolve('node_modules/onnxruntime-web/dist', f), resolve(outDir, f));
    },
  };
}

// electron-vite only discovers electron.vite.config.*; this file is passed with `-c electron.config.ts`.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve('electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot be ESM and can only require Electron's own modules: bundle everything.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    base: './',
    plugins: [react(), copyOrtWasm()],
    worker: { format: 'es' },
    build: {
      outDir: 'out/renderer',
      target: 'es2022',
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
