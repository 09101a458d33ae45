import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { parseNpyHeader } from '../electron/resnet/datasets';
import { expect, test } from './fixtures';
import { LensPage } from './pages/lens-page';
import { cifarReference, referenceCam, WhyPage } from './pages/why-page';
import { cifarClasses, cifarPng } from './reference-data';

const cat = cifarPng('test0008_cat.png');

/** RFC 4180 rows (the app's CSV quotes fields with commas; CIFAR labels have none, file names neither). */
const csvRows = (text: string) =>
  text
    .trimEnd()
    .split('\r\n')
    .map((l) => l.split(','));

test('the selected stage saves as .npy: NumPy 1.0 header, (1, 64, 8, 8), the values Node computes', async ({
  app,
}) => {
  const lens = new LensPage(app);
  const why = new WhyPage(app);
  await lens.waitForModel();
  await lens.dropFiles([cat]);
  await why.open();
  await why.shownCam();
  const download = await why.export('stage-npy');
  expect(download.suggestedFilename()).toBe('test0008_cat-layer3.npy');
  const bytes = new Uint8Array(readFileSync(await download.path()));
  const dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 64, 8, 8), }";
  const header = [0x93, ...Buffer.from('NUMPY'), 1, 0, 118, 0, ...Buffer.from(dict.padEnd(117, ' ')), 0x0a];
  expect([...bytes.subarray(0, 128)]).toEqual(header);
  const info = parseNpyHeader(bytes);
  expect(info).toMatchObject({ descr: '<f4', fortranOrder: false, shape: [1, 64, 8, 8], dataOffset: 128 });
  expect(bytes.length).toBe(128 + 64 * 8 * 8 * 4);
  const values = new Float32Array(bytes.slice(128).buffer);
  const ref = await cifarReference(cat);
  let diff = 0;
  for (let i = 0; i < values.length; i++) diff = Math.max(diff, Math.abs(values[i]! - ref.layer3[i]!));
  expect(diff).toBeLessThan(1e-4);

  // the CAM as an (8, 8) array
  const camFile = await why.export('cam-npy');
  const cam = new Uint8Array(readFileSync(await camFile.path()));
  expect(parseNpyHeader(cam).shape).toEqual([8, 8]);
  const camValues = new Float32Array(cam.slice(parseNpyHeader(cam).dataOffset).buffer);
  const top = ref.logits.indexOf(Math.max(...ref.logits));
  const expected = referenceCam(ref.layer3, ref.dims, ref.weight, top);
  expect(Math.max(...expected.map((v, i) => Math.abs(v - camValues[i]!)))).toBeLessThan(1e-4);
});

test('predictions save as CSV (top-5 rows) and JSON, and the overlay as a PNG', async ({ app }) => {
  const lens = new LensPage(app);
  const why = new WhyPage(app);
  await lens.waitForModel();
  await lens.dropFiles([cat]);
  await why.open();
  await why.shownCam();
  const ref = await cifarReference(cat);
  const order = Array.from(ref.logits.keys()).sort((a, b) => ref.logits[b]! - ref.logits[a]!);
  const max = Math.max(...ref.logits);
  const sum = ref.logits.reduce((s, v) => s + Math.exp(v - max), 0);

  const csv = await why.export('predictions-csv');
  expect(csv.suggestedFilename()).toBe('test0008_cat-top5.csv');
  const rows = csvRows(readFileSync(await csv.path(), 'utf8'));
  expect(rows[0]).toEqual(['image', 'model', 'rank', 'class_index', 'label', 'probability', 'logit']);
  expect(rows).toHaveLength(6);
  rows.slice(1).forEach((row, i) => {
    const c = order[i]!;
    expect(row.slice(0, 5)).toEqual([
      'test0008_cat.png',
      'ResNet-20 (CIFAR-10)',
      String(i + 1),
      String(c),
      cifarClasses[c],
    ]);
    expect(Math.abs(Number(row[5]) - Math.exp(ref.logits[c]! - max) / sum)).toBeLessThan(1e-5);
    expect(Math.abs(Number(row[6]) - ref.logits[c]!)).toBeLessThan(1e-4);
  });

  const json = JSON.parse(readFileSync(await (await why.export('predictions-json')).path(), 'utf8')) as {
    input: number[];
    predictions: { image: string; top: { index: number }[] }[];
  };
  expect(json.input).toEqual([1, 3, 32, 32]);
  expect(json.predictions[0]!.top.map((p) => p.index)).toEqual(order.slice(0, 5));

  const png = await why.export('cam-png');
  expect(png.suggestedFilename()).toBe(`test0008_cat-cam-${cifarClasses[order[0]!]}.png`);
  const image = PNG.sync.read(readFileSync(await png.path()));
  expect([image.width, image.height]).toEqual([448, 448]);
});
