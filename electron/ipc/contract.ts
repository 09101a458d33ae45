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

export { channels, eventChannels, methods, type Method } from './channels';

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
  /** channel order of the input tensor: 'bgr' for models trained on OpenCV-loaded images */
  channelOrder: 'rgb' | 'bgr';
};

/** Where a model comes from. 'official': torchvision's ImageNet weights, downloaded on request. */
export type ModelSource = 'bundled' | 'official' | 'imported' | 'architecture-only';

/** One download of official weights, as `pollDownloads` reports it. */
export type DownloadProgress = {
  /** the model id */
  id: string;
  fileName: string;
  /** 'verifying': the body is in, its SHA-256 is being checked; 'done': verified and in the cache */
  state: 'downloading' | 'verifying' | 'done' | 'failed' | 'cancelled';
  /** bytes of the file on disk so far, a resumed part included */
  receivedBytes: number;
  /** from Content-Length / Content-Range, null while unknown */
  totalBytes: number | null;
  /** receivedBytes / totalBytes, null while the size is unknown */
  fraction: number | null;
  /** smoothed over the last second or so; 0 before data flows */
  bytesPerSecond: number;
  /** null while unknown (no size or no speed yet) */
  etaSeconds: number | null;
  /** 1 for the first try; automatic retries after a broken connection or a stall count up */
  attempt: number;
  /** bytes kept from an earlier partial download (HTTP Range), 0 when it started from scratch */
  resumedFrom: number;
  /** why it failed (state 'failed') */
  error: ErrorInfo | null;
};

/** What the Library shows next to a model. */
export type ModelStatus =
  | { state: 'bundled' }
  | { state: 'not-downloaded' }
  | { state: 'downloading'; progress: DownloadProgress }
  | { state: 'failed'; error: ErrorInfo }
  | { state: 'downloaded' }
  | { state: 'imported' }
  | { state: 'architecture-only' };

export type ModelSummary = {
  id: string;
  name: string;
  /** builder name (`resnet50`, `cifar_resnet20`), 'custom', or 'onnx' for an imported ONNX graph */
  architecture: string;
  /** 'cifar10', 'imagenet', or what an import's label set says ('unknown' for indices) */
  dataset: string;
  source: ModelSource;
  status: ModelStatus;
  /** whether `loadModel` can run now (false: official weights not downloaded yet) */
  loadable: boolean;
  /** random weights (architecture-only): predictions mean nothing */
  untrained: boolean;
  /** bytes of the weight file on disk; for weights not yet downloaded, the published size; 0 if none */
  sizeBytes: number;
  /** parameter count; 0 when unknown (ONNX imports) */
  params: number;
  /** published top-1 test error in percent (CIFAR: the paper's; ImageNet: 100 - acc@1), or null */
  publishedTestError: number | null;
  /** published accuracies in percent, or null */
  publishedAccuracy: { top1: number; top5: number | null } | null;
  /** torchvision's weights enum member (`IMAGENET1K_V2`) for official weights, else null */
  weightsTag: string | null;
};

/** The label sets the app ships (`resources/labels`); 'indices' shows class numbers. */
export type LabelSet = 'imagenet' | 'cifar10' | 'indices';

/** How an imported model is fed and read: everything the user may confirm or change. */
export type ImportSettings = {
  name: string;
  /** checkpoints: the builder to load the weights into (default: the inferred one); ignored for ONNX */
  architecture: string | null;
  height: number;
  width: number;
  resizeShorter: number | null;
  channelOrder: 'rgb' | 'bgr';
  scale: 1 | 255;
  mean: [number, number, number];
  std: [number, number, number];
  labels: LabelSet;
};

/** The state_dict compared with the architecture, key by key (PyTorch's `load_state_dict` semantics). */
export type StateDictReport = {
  clean: boolean;
  missing: string[];
  unexpected: string[];
  shapeMismatch: { key: string; expected: number[]; got: number[] }[];
  /** PyTorch's error text (`Error(s) in loading state_dict for ResNet: ...`), '' when clean */
  message: string;
};

/** What `importModel` found in a file; nothing is added to the library until `confirmImport`. */
export type ImportPreview = {
  /** the id the model will have once confirmed (`import-` + the first 12 hex digits of its SHA-256) */
  id: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
  kind: 'checkpoint' | 'onnx';
  format: 'torch-zip' | 'torch-legacy' | 'safetensors' | 'onnx';
  /** the inferred (or requested) architecture's name, null when none was recognised */
  architecture: string | null;
  /**
   * blocks, widths and classes of the inferred architecture, for confirmation (CIFAR ResNets: groups 1
   * and widthPerGroup 16, the first stage's width)
   */
  architectureDetails: {
    family: 'torchvision' | 'cifar';
    block: string;
    layers: number[];
    groups: number;
    widthPerGroup: number;
    numClasses: number;
  } | null;
  params: number;
  /** checkpoints: the key-by-key match against `architecture`; null for ONNX or when none was recognised */
  match: StateDictReport | null;
  /** ONNX: what the graph declares */
  onnx: {
    producer: string;
    opset: number | null;
    inputs: { name: string; shape: (number | string | null)[] | null }[];
    outputs: { name: string; shape: (number | string | null)[] | null }[];
    nodes: number;
    /** PyTorch module scopes found in node names (stages and blocks the app can show) */
    modules: string[];
  } | null;
  /** the settings confirmImport will use unless told otherwise */
  settings: ImportSettings;
  canConfirm: boolean;
  /** why it cannot be confirmed, for people (key by key for a mismatched state_dict) */
  problem: string | null;
  /** already in the library (confirming again replaces its settings) */
  alreadyImported: boolean;
};

export type BuildCacheInfo = { entries: number; totalBytes: number; maxBytes: number };

/**
 * One output the renderer may fetch from the model: a PyTorch module path (or 'logits') and its shape
 * at the model's input size ([] when unknown: imported ONNX graphs rarely declare intermediate shapes).
 */
export type ModelOutput = { name: string; moduleType: string; shape: number[] };

export type LoadedModel = {
  summary: ModelSummary;
  /** Same-origin URL of the ONNX bytes (served by the `lens:` protocol or the test host), never the bytes. */
  modelUrl: string;
  labels: string[];
  preprocessing: Preprocessing;
  outputs: ModelOutput[];
  /** PyTorch's `print(model)` text; for an imported ONNX graph, its producer and module scopes */
  printText: string;
  /** milliseconds spent reading and building (0 when the build cache had it) */
  buildMs: number;
  fromCache: boolean;
};

/**
 * The classifier head (the Linear after global average pooling) for class activation maps:
 * CAM_c = sum_k weight[c, k] * A_k over the `features` output.
 */
export type HeadWeights = {
  /** module path of the Linear: 'fc' (torchvision) or 'linear' (CIFAR) */
  module: string;
  /** the output whose spatial mean feeds it: 'layer4' (torchvision) or 'layer3' (CIFAR) */
  features: string;
  classes: number;
  channels: number;
  /**
   * row-major [classes, channels] as float32 little-endian bytes in base64 (ResNet-50's 2048 x 1000 would
   * be ~40 MB as a JSON number array through the test host, 11 MB this way)
   */
  weight: string;
  /** `classes` values; zeros when the Linear has no bias */
  bias: number[];
};

const outputsOption = z.enum(['logits', 'stages', 'blocks', 'all']);
const modelId = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'model ids are lower-case letters, digits, dot, dash and underscore');

/** The file types `importModel` takes. */
export const IMPORT_EXTENSIONS = ['.pth', '.pt', '.th', '.tar', '.safetensors', '.onnx'] as const;

/** POSIX `/...`, Windows `C:\...` or `\\server\share`: never relative, so nothing resolves against the cwd. */
function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
}

/**
 * A path to import: absolute, no NUL, one of the allowed extensions. Main then checks, with the file
 * system, that it is an existing regular file under the size limit (services/import-store.ts): the
 * contract has no file system.
 */
const importPath = z
  .string()
  .min(2)
  .max(4096)
  .refine((p) => !p.includes('\0'), 'paths may not contain NUL')
  .refine(isAbsolutePath, 'must be an absolute path')
  .refine(
    (p) => IMPORT_EXTENSIONS.some((e) => p.toLowerCase().endsWith(e)),
    `must end with ${IMPORT_EXTENSIONS.join(', ')}`,
  );

/** The largest file `importModel` / `importModelBytes` take: 2 GiB, past wide_resnet101_2 in float64. */
export const IMPORT_MAX_BYTES = 2 * 1024 ** 3;

/**
 * The name of a file the renderer sends as bytes (a dropped `File` has a name but no path in a sandboxed
 * renderer): a bare name, no folder part, no NUL or control characters, one of the allowed extensions.
 * It names the import and picks the reader; it is never used as a path.
 */
const importFileName = z
  .string()
  .min(2)
  .max(255)
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  .refine((n) => !/[\u0000-\u001f\u007f]/.test(n), 'file names may not contain control characters')
  .refine((n) => !/[\\/]/.test(n), 'a file name, not a path: no / or \\')
  .refine((n) => n !== '.' && n !== '..', 'not a file name')
  .refine(
    (n) => IMPORT_EXTENSIONS.some((e) => n.toLowerCase().endsWith(e)),
    `must end with ${IMPORT_EXTENSIONS.join(', ')}`,
  );

/** The bytes of a file to import: a Uint8Array (Electron's IPC clones it; the test host decodes base64). */
const importBytes = z
  .instanceof(Uint8Array)
  .refine((b) => b.byteLength > 0, 'the file is empty')
  .refine((b) => b.byteLength <= IMPORT_MAX_BYTES, `files over ${IMPORT_MAX_BYTES} bytes are not imported`);

const finite = z.number().finite();
const importSettings = z
  .object({
    name: z.string().trim().min(1).max(200),
    architecture: z
      .string()
      .max(40)
      .regex(/^[a-z0-9_]+$/, 'a builder name such as resnet50 or cifar_resnet20')
      .nullable(),
    height: z.number().int().min(8).max(4096),
    width: z.number().int().min(8).max(4096),
    resizeShorter: z.number().int().min(8).max(8192).nullable(),
    channelOrder: z.enum(['rgb', 'bgr']),
    scale: z.union([z.literal(1), z.literal(255)]),
    mean: z.tuple([finite, finite, finite]),
    std: z.tuple([finite.positive(), finite.positive(), finite.positive()]),
    labels: z.enum(['imagenet', 'cifar10', 'indices']),
  })
  .strict()
  .partial();

/** What the renderer may send as import settings: any subset; the rest comes from the preview's defaults. */
export type ImportSettingsInput = z.infer<typeof importSettings>;

/** zod schemas of every method's arguments: main parses what the renderer sends before any service sees it. */
export const argSchemas = {
  getAppInfo: z.tuple([]),
  listModels: z.tuple([]),
  loadModel: z.tuple([modelId, z.object({ outputs: outputsOption }).strict()]),
  startDownload: z.tuple([modelId]),
  cancelDownload: z.tuple([modelId]),
  pollDownloads: z.tuple([]),
  deleteModel: z.tuple([modelId]),
  importModel: z.tuple([importPath, importSettings.optional()]),
  importModelBytes: z.tuple([importFileName, importBytes, importSettings.optional()]),
  confirmImport: z.tuple([modelId, importSettings.optional()]),
  revealFile: z.tuple([modelId]),
  clearBuildCache: z.tuple([]),
  getBuildCacheInfo: z.tuple([]),
  getHeadWeights: z.tuple([modelId]),
} satisfies Record<Method, z.ZodType>;

export type MethodArgs<M extends Method> = z.infer<(typeof argSchemas)[M]>;

export type MethodResults = {
  getAppInfo: AppInfo;
  /** every model with its status, bundled first (the classify view's default is the first loadable one) */
  listModels: ModelSummary[];
  loadModel: LoadedModel;
  /** starts (or retries, resuming a partial file) a download of official weights; returns at once */
  startDownload: DownloadProgress;
  /** true when a download was running and is now cancelled (its partial file deleted) */
  cancelDownload: boolean;
  /** every download of this session, running or finished: poll it while any is 'downloading'/'verifying' */
  pollDownloads: DownloadProgress[];
  /** removes downloaded weights or an imported model (and its build-cache entries) */
  deleteModel: { freedBytes: number };
  /** reads a user's file and says what it is; nothing is added until `confirmImport` */
  importModel: ImportPreview;
  /** the same for a file the renderer read itself (a drop: a name and bytes, no path) */
  importModelBytes: ImportPreview;
  /** adds a previewed import to the library (copied into the library folder) with these settings */
  confirmImport: ModelSummary;
  /** the model's file on disk; in Electron main also shows it in the file manager */
  revealFile: { path: string };
  clearBuildCache: { removedEntries: number; freedBytes: number };
  getBuildCacheInfo: BuildCacheInfo;
  /** the classifier head of a model (error 'no-head' for ONNX imports) */
  getHeadWeights: HeadWeights;
};

/** What the renderer sees as `window.lens`: one function per method, plus the main -> renderer events. */
export type LensApi = {
  [M in Method]: (...args: MethodArgs<M>) => Promise<Result<MethodResults[M]>>;
} & LensEvents;

/** What main implements: plain functions; the IPC layer wraps them. */
export type LensServices = {
  [M in Method]: (...args: MethodArgs<M>) => Promise<MethodResults[M]> | MethodResults[M];
};

/** The app's views, as the View menu and the `show-view` menu command name them. */
export const VIEW_IDS = ['inspect', 'why', 'architecture', 'compare', 'evaluate', 'library'] as const;
export type ViewId = (typeof VIEW_IDS)[number];

/** An image file main read for the renderer (File > Open Images…): a bare name and its bytes. */
export type OpenedFile = { name: string; bytes: Uint8Array };

/**
 * What the application menu asks the renderer to do. Opening images happens in main
 * (`dialog.showOpenDialog`), because Chromium opens a page's file chooser only on a user gesture in the
 * page, and a menu click is not one; main reads the chosen files (images only, size-limited) and sends
 * their bytes, in batches, with the files it refused and why.
 */
export type MenuCommand =
  | {
      kind: 'open-images';
      files: OpenedFile[];
      rejected: { name: string; message: string }[];
      /** a later batch of the same dialog: it adds to the first batch's progress and errors */
      continues: boolean;
    }
  | { kind: 'show-view'; view: ViewId };

/** Events main sends to the renderer; each `onX(listener)` returns its unsubscribe function. */
export type LensEvents = {
  onMenuCommand: (listener: (command: MenuCommand) => void) => () => void;
};
