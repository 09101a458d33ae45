import { describe, expect, it } from 'vitest';
import { parseCsv, type PredictionRecord } from '../../lib/csv';
import { decodeNpy } from '../../lib/npy';
import { fileStem, safeFileName } from './download';
import { csvItem, jsonItem, npyItem, predictionsJson } from './export-items';

const records: PredictionRecord[] = [
  { image: 'cat.png', model: 'm', rank: 1, index: 3, label: 'cat', probability: 0.9, logit: 4 },
  { image: 'cat.png', model: 'm', rank: 2, index: 5, label: 'dog', probability: 0.1, logit: 1.8 },
  { image: 'ship.png', model: 'm', rank: 1, index: 8, label: 'ship', probability: 1, logit: 9 },
];

describe('export items', () => {
  it('make the bytes of each format on demand', async () => {
    const npy = npyItem('stage', 'layer3', 'cat layer3', Float32Array.from([1, 2, 3, 4]), [1, 1, 2, 2]);
    expect(npy.fileName).toBe('cat layer3.npy');
    const back = decodeNpy(new Uint8Array(await (await npy.make()).arrayBuffer()));
    expect(back.shape).toEqual([1, 1, 2, 2]);
    const csv = await (await csvItem('p', 'Predictions', 'cat.png top5', records).make()).text();
    expect(parseCsv(csv)).toHaveLength(4);
    const json = JSON.parse(await (await jsonItem('j', 'J', 'x', predictionsJson(records)).make()).text());
    expect(json).toEqual([
      {
        image: 'cat.png',
        model: 'm',
        top: [
          { rank: 1, index: 3, label: 'cat', probability: 0.9, logit: 4 },
          { rank: 2, index: 5, label: 'dog', probability: 0.1, logit: 1.8 },
        ],
      },
      {
        image: 'ship.png',
        model: 'm',
        top: [{ rank: 1, index: 8, label: 'ship', probability: 1, logit: 9 }],
      },
    ]);
  });

  it('makes file names every OS accepts', () => {
    expect(safeFileName('a/b\\c:d*e?', 'csv')).toBe('a_b_c_d_e_.csv');
    expect(safeFileName('...', 'npy')).toBe('export.npy');
    expect(safeFileName('test0008_cat-cam-cat', 'png')).toBe('test0008_cat-cam-cat.png');
    expect(fileStem('cats/test0008_cat.png')).toBe('test0008_cat');
    expect(fileStem('C:\\img\\photo.v2.jpeg')).toBe('photo.v2');
  });
});
