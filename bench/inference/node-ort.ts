/** The native reference: the same ONNX files on onnxruntime-node, timed the same way (median of runs). */
import * as ort from 'onnxruntime-node';

export type NodeVariant = { label: string; bytes: Uint8Array; fetch: string[] };

/**
 * Times each variant round-robin (machine-load drift hits all alike) with `threads` intra-op threads, the
 * same graph optimizations as the app's sessions. Returns the per-run times in ms by label.
 */
export async function timeOnNode(
  variants: NodeVariant[],
  input: { dims: number[]; data: Float32Array },
  options: { threads: number; warmup: number; rounds: number },
): Promise<Map<string, number[]>> {
  const sessions = await Promise.all(
    variants.map((v) =>
      ort.InferenceSession.create(v.bytes, {
        intraOpNumThreads: options.threads,
        interOpNumThreads: 1,
        graphOptimizationLevel: 'all',
      }),
    ),
  );
  const feeds = { input: new ort.Tensor('float32', input.data, input.dims) };
  const times = new Map(variants.map((v) => [v.label, [] as number[]]));
  for (let r = -options.warmup; r < options.rounds; r++) {
    for (const [i, v] of variants.entries()) {
      const started = performance.now();
      await sessions[i]!.run(feeds, v.fetch);
      if (r >= 0) times.get(v.label)!.push(performance.now() - started);
    }
  }
  await Promise.all(sessions.map((s) => s.release()));
  return times;
}
