import { imageMimeOf } from './image-picker';

/** One bundled sample (renderer/public/samples/manifest.json; sources and licences in its README). */
export type Sample = {
  file: string;
  title: string;
  kind: 'photo' | 'cifar10';
  source: string;
  licence: string;
};

/** Where the samples are served: beside index.html, from the app's own origin. */
export const SAMPLES_BASE = './samples/';

/** The manifest's samples, checked: a malformed entry is left out rather than trusted. */
export function parseSampleManifest(json: unknown): Sample[] {
  const list = (json as { samples?: unknown } | null)?.samples;
  if (!Array.isArray(list)) throw new Error('manifest.json has no samples list');
  return list.filter(
    (s): s is Sample =>
      typeof s === 'object' &&
      s !== null &&
      typeof s.file === 'string' &&
      /^[\w.-]+\.(png|jpe?g)$/i.test(s.file) &&
      typeof s.title === 'string' &&
      (s.kind === 'photo' || s.kind === 'cifar10') &&
      typeof s.source === 'string' &&
      typeof s.licence === 'string',
  );
}

let manifest: Promise<Sample[]> | null = null;

/** The samples, fetched once per session. */
export function loadSamples(): Promise<Sample[]> {
  manifest ??= fetch(`${SAMPLES_BASE}manifest.json`)
    .then((r) => {
      if (!r.ok) throw new Error(`manifest.json: HTTP ${r.status}`);
      return r.json() as Promise<unknown>;
    })
    .then(parseSampleManifest)
    .catch((err: unknown) => {
      manifest = null; // a later mount tries again
      throw err;
    });
  return manifest;
}

/**
 * A sample as a `File`, exactly as a drop would deliver it: its bytes and its name (a CIFAR sample's name
 * carries its true class, so the app can say whether the prediction is right).
 */
export async function sampleFile(sample: Sample): Promise<File> {
  const response = await fetch(`${SAMPLES_BASE}${sample.file}`);
  if (!response.ok) throw new Error(`${sample.file}: HTTP ${response.status}`);
  return new File([await response.blob()], sample.file, { type: imageMimeOf(sample.file) });
}
