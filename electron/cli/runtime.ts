/**
 * onnxruntime-node for the CLI: one session per model (2 intra-op threads, as the machines have 2 cores),
 * batched runs, and the logits split per image.
 */
import * as ort from 'onnxruntime-node';
import { CliError } from './errors';
import type { CliModel } from './models';
import { imageToTensor } from './tensors';
import type { RgbImage } from '../resnet/preprocess';

/** Intra-op threads: the project's machines have 2 cores; more only adds contention. */
export const THREADS = 2;

export type StageTensor = { name: string; dims: number[]; data: Float32Array };
export type BatchResult = { logits: Float32Array[]; stages: StageTensor[] };

/** A model with an open session. */
export class Runner {
  private constructor(
    readonly model: CliModel,
    private readonly session: ort.InferenceSession,
  ) {}

  /** Creates the onnxruntime session; a model onnxruntime refuses is a one-line CliError. */
  static async open(model: CliModel): Promise<Runner> {
    let session: ort.InferenceSession;
    try {
      session = await ort.InferenceSession.create(model.onnx, {
        intraOpNumThreads: THREADS,
        interOpNumThreads: 1,
        graphOptimizationLevel: 'all',
      });
    } catch (e) {
      throw new CliError(
        `${model.name}: onnxruntime cannot load the model: ${(e as Error).message.split('\n')[0]}`,
      );
    }
    return new Runner(model, session);
  }

  /** Runs N images stacked as NCHW; `stages` also fetches every intermediate output (N = 1 then). */
  async run(
    data: Float32Array,
    n: number,
    height: number,
    width: number,
    stages = false,
  ): Promise<BatchResult> {
    const inputName = this.session.inputNames[0]!;
    const feeds = { [inputName]: new ort.Tensor('float32', data, [n, 3, height, width]) };
    const names = stages ? [this.model.logitsName, ...this.model.stageNames] : [this.model.logitsName];
    let out: ort.InferenceSession.OnnxValueMapType;
    try {
      out = await this.session.run(feeds, names);
    } catch (e) {
      throw new CliError(
        `${this.model.name}: inference failed on a ${n}x3x${height}x${width} input: ${(e as Error).message.split('\n')[0]}`,
      );
    }
    const logits = out[this.model.logitsName]!;
    const classes = logits.dims.at(-1)!;
    const flat = logits.data as Float32Array;
    const rows = Array.from({ length: n }, (_, i) => flat.slice(i * classes, (i + 1) * classes));
    const stageTensors = stages
      ? this.model.stageNames.map((name) => ({
          name,
          dims: [...out[name]!.dims],
          data: out[name]!.data as Float32Array,
        }))
      : [];
    return { logits: rows, stages: stageTensors };
  }

  /** Releases the session's native memory. */
  async close(): Promise<void> {
    await this.session.release();
  }
}

/** Something that yields an image on demand (decoded lazily so a large set is never all in memory). */
export type ImageSource = { name: string; load(): RgbImage };

/**
 * Runs every image through the model in batches (all of a recipe's outputs have the same size) and calls
 * `onLogits` per image in order. Returns the seconds spent, preprocessing included.
 */
export async function predictAll(
  runner: Runner,
  images: readonly ImageSource[],
  batchSize: number,
  onLogits: (index: number, logits: Float32Array) => void,
): Promise<number> {
  const started = performance.now();
  for (let start = 0; start < images.length; start += batchSize) {
    const chunk = images.slice(start, start + batchSize);
    const tensors = chunk.map((img) => imageToTensor(img.load(), runner.model.preprocessing));
    const { height, width } = tensors[0]!;
    const plane = 3 * height * width;
    const data = new Float32Array(plane * tensors.length);
    tensors.forEach((t, i) => data.set(t.data, i * plane));
    const { logits } = await runner.run(data, tensors.length, height, width);
    logits.forEach((row, i) => onLogits(start + i, row));
  }
  return (performance.now() - started) / 1000;
}
