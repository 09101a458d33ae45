import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const entrySchema = z.object({
  id: z.string(),
  name: z.string(),
  architecture: z.string(),
  dataset: z.string(),
  labels: z.string(),
  file: z.string(),
  sha256: z.string().regex(/^[a-f0-9]{64}$/),
  input: z.object({ height: z.number().int(), width: z.number().int(), resize: z.number().int().nullable() }),
  normalization: z.object({
    mean: z.tuple([z.number(), z.number(), z.number()]),
    std: z.tuple([z.number(), z.number(), z.number()]),
    scale: z.union([z.literal(1), z.literal(255)]),
  }),
  publishedTestError: z.number().nullable(),
  source: z.string(),
  license: z.string(),
});

export type ManifestEntry = z.infer<typeof entrySchema>;

/** Reads `resources/models/manifest.json`: the bundled models, their provenance and preprocessing. */
export function readManifest(resourcesDir: string): ManifestEntry[] {
  const raw: unknown = JSON.parse(readFileSync(join(resourcesDir, 'models', 'manifest.json'), 'utf8'));
  return z.object({ version: z.literal(1), models: z.array(entrySchema) }).parse(raw).models;
}

/** One label per line, as in torchvision's `_meta.py` order. */
export function readLabels(resourcesDir: string, file: string): string[] {
  return readFileSync(join(resourcesDir, 'labels', file), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}
