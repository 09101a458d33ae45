#!/usr/bin/env node
// The `resnet-lens` command: runs the TypeScript CLI (electron/cli/main.ts) through tsx's ESM loader,
// so `npx resnet-lens ...` works right after `npm install`, with no build step.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../electron/cli/main.ts', import.meta.url).href);
