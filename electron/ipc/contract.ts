/**
 * The one IPC contract between the renderer and the main process.
 *
 * Every method the renderer may call has a channel (`channels.ts`), a zod schema of its arguments
 * (`argSchemas`) and typed in `MethodResults`. The preload maps each method to `ipcRenderer.invoke(channel)`;
 * main registers one handler per entry; the e2e test host implements the same table over Playwright.
 * Results cross as `Result<T>`, because thrown errors lose their shape over IPC.
 */
import { z } from 'zod';
import type { Method } from './channels';

export { channels, methods, type Method } from './channels';

export type ErrorInfo = { code: string; message: string };
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export type AppInfo = { name: string; version: string; platform: string; host: 'electron' | 'test-host' };

export type Normalization = { mean: [number, number, number]; std: [number, number, number]; scale: 1 | 255 };

/** How an image becomes the model's input tensor (torchvision's eval transforms). */
export type Preprocessing = {
  /** target H x W of the input tensor */
  height: number;
  width: number;
  /** resize the shorter side to this before the center crop (ImageNet: 256); null: resize straight to H x W */
  resizeShorter: number | null;
  normalization: Normalization;
};

export type ModelSummary = {
  id: string;
  name: string;
  architecture: string;
  dataset: string;
  source: 'bundled' | 'downloaded' | 'imported' | 'architecture-only';
  sizeBytes: number;
  params: number;
  publishedTestError: number | null;
};

/** One output the renderer may fetch from the model: a PyTorch module path (or 'logits') and its shape. */
export type ModelOutput = { name: string; moduleType: string; shape: number[] };

export type LoadedModel = {
  summary: ModelSummary;
  /** Same-origin URL of the ONNX bytes (served by the `lens:` protocol or the test host), never the bytes. */
  modelUrl: string;
  labels: string[];
  preprocessing: Preprocessing;
  outputs: ModelOutput[];
  /** PyTorch's `print(model)` text */
  printText: string;
  /** milliseconds spent reading and building (0 when the build cache had it) */
  buildMs: number;
  fromCache: boolean;
};

const outputsOption = z.enum(['logits', 'stages', 'blocks', 'all']);
const modelId = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'model ids are lower-case letters, digits, dot, dash and underscore');

/** zod schemas of every method's arguments: main parses what the renderer sends before any service sees it. */
export const argSchemas = {
  getAppInfo: z.tuple([]),
  listModels: z.tuple([]),
  loadModel: z.tuple([modelId, z.object({ outputs: outputsOption }).strict()]),
} satisfies Record<Method, z.ZodType>;

export type MethodArgs<M extends Method> = z.infer<(typeof argSchemas)[M]>;

export type MethodResults = {
  getAppInfo: AppInfo;
  listModels: ModelSummary[];
  loadModel: LoadedModel;
};

/** What the renderer sees as `window.lens`. */
export type LensApi = {
  [M in Method]: (...args: MethodArgs<M>) => Promise<Result<MethodResults[M]>>;
};

/** What main implements: plain functions; the IPC layer wraps them. */
export type LensServices = {
  [M in Method]: (...args: MethodArgs<M>) => Promise<MethodResults[M]> | MethodResults[M];
};
