import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

/** Build output; LENS_OUT_DIR lets parallel builds (e2e runs, benchmarks) use separate folders. */
const out = resolve(process.env['LENS_OUT_DIR'] ?? 'out');

// electron-vite only discovers electron.vite.config.*; this file is passed with `-c electron.config.ts`.
// onnxruntime-web's WASM binary is emitted by Vite as an asset of the worker bundle, so it is served from
// the app's own origin, never from a CDN.
export default defineConfig({
  main: {
    build: {
      outDir: resolve(out, 'main'),
      rollupOptions: { input: { index: resolve('electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: resolve(out, 'preload'),
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
    plugins: [react()],
    worker: { format: 'es' },
    build: {
      outDir: resolve(out, 'renderer'),
      target: 'es2022',
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
