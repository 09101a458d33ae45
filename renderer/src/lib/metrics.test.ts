import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import {
  activeClasses,
  addLogitsBatch,
  createAccumulator,
  imagesPerSecond,
  misclassifiedAs,
  rowShares,
  secondsLeft,
  summarize,
} from './metrics';
import { EVALUATION_COLUMNS, evaluationCsv, evaluationJson, type EvalRunInfo } from './metrics-export';

/**
 * PyTorch's ResNet-20 (resnet20-12fca82f.th) on the first 1,000 CIFAR-10 test images: the true labels
 * and the predictions, one digit per image, from fixtures/cifar10/pytorch-predictions-first1000.json.
 */
const TORCH_LABELS =
  '3880661631095798578670495240966545924195465609397698038877467363621237268802933881172527890386466007456311368740621304278312808352418912972965638762528960052954216684845099989937500522386340580172887851871305797459807982769439647651588040551189031922539940300981570824702363850343906109107912693460066632618216868040775535234175461936693807262585468991022732809581941381479427070669092872251262962303987884018279361907374500293406253737253114995750222973943546561434437837805760548685599950108118022046549479945661538958570705004690956662901767591625558594643207622397926713668975408409348969261473538502164339698858662177127994412568768305530791344539569211419476389013636320310596489696303227838275724874298868874338494881821365427994141327079766259291226821366012705461640226059176703968303477147271474484775372089583620873765313225412927072132024798907707846330137013142384237843090010446761137352665871688530401388069995586004232722598917403013839614703789116666919942170681929047831201584638138';
const TORCH_RESNET20 =
  '3880661631095798578670495240966545934195465609397698238877537563621237268802933881172527890386436007456311368740221304678312808330418912972965638765528960052934016682845890989937300522386320580172887851871305797458807982769359347651388040551189031922539940300981570824702363850343916199187912693460066632619216860040775535234175461936693807360585468991022733809581941341679427078669095872251262962303987884018270561907374503296406253037253114995750222973944542561434437837805769348683599950108118022046549479945661538958570705204693956662901767591623558594643207622397926713668975408409348969261473338502164339698858663177127994412268768305530791444539569211419475309013656328310516409696303227838275724874298868874338494881801265407914141527079766259291226821366012795491640226059176703968303577147471474484772572089583620873765313225492927072132024798907707846330137013142384237842090018446731137355665871688330401388069940386004230722598917603013839684723789116663919946170681929047831201584238138';
const CIFAR = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];

/** Logits that make `predicted` the argmax: 5 there, and a lower distinct value for every other class. */
function logitsFor(predicted: number[], classes: number): Float32Array {
  const out = new Float32Array(predicted.length * classes);
  predicted.forEach((p, r) => {
    for (let c = 0; c < classes; c++) out[r * classes + c] = c === p ? 5 : -c / 10;
  });
  return out;
}

const digits = (s: string) => Array.from(s, Number);

describe('accuracy, per-class accuracy and confusion against PyTorch (ResNet-20, 1,000 images)', () => {
  const labels = digits(TORCH_LABELS);
  const predicted = digits(TORCH_RESNET20);
  // Fed in batches of 64, as the view does, the last one short (1000 = 15 x 64 + 40).
  const acc = createAccumulator(10);
  for (let start = 0; start < 1000; start += 64) {
    const end = Math.min(1000, start + 64);
    const items = Array.from({ length: end - start }, (_, i) => start + i);
    addLogitsBatch(acc, logitsFor(predicted.slice(start, end), 10), labels.slice(start, end), items);
  }
  const s = summarize(acc, CIFAR, 2000);

  it('gives the accuracy PyTorch reports (91.5 %)', () => {
    expect(s.count).toBe(1000);
    expect(s.correct).toBe(915);
    expect(s.accuracy).toBe(0.915);
    expect(s.error).toBeCloseTo(0.085, 12);
    expect(s.imagesPerSecond).toBe(500);
  });

  it('gives the confusion matrix computed in Python (rows: true class)', () => {
    expect(s.confusion).toEqual([
      [89, 1, 3, 2, 0, 0, 0, 0, 5, 3],
      [0, 87, 0, 0, 0, 0, 0, 0, 1, 1],
      [6, 0, 84, 4, 1, 3, 2, 0, 0, 0],
      [0, 0, 2, 92, 2, 6, 1, 0, 0, 0],
      [0, 0, 2, 1, 83, 2, 2, 0, 0, 0],
      [1, 0, 2, 10, 0, 73, 0, 0, 0, 0],
      [0, 0, 3, 5, 0, 1, 102, 0, 0, 1],
      [1, 0, 0, 0, 0, 0, 0, 101, 0, 0],
      [3, 0, 0, 0, 1, 0, 0, 0, 101, 1],
      [2, 2, 0, 0, 1, 0, 0, 0, 1, 103],
    ]);
  });

  it('gives the per-class accuracy computed in Python', () => {
    const perClass = s.perClass.map((c) => [c.label, c.correct, c.count]);
    expect(perClass).toEqual([
      ['airplane', 89, 103],
      ['automobile', 87, 89],
      ['bird', 84, 100],
      ['cat', 92, 103],
      ['deer', 83, 90],
      ['dog', 73, 86],
      ['frog', 102, 112],
      ['horse', 101, 102],
      ['ship', 101, 106],
      ['truck', 103, 109],
    ]);
    expect(s.perClass[5]!.accuracy).toBeCloseTo(73 / 86, 12);
  });

  it('lists the 85 misclassified images in set order, with the prediction per image', () => {
    expect(s.misclassified).toHaveLength(85);
    expect(s.misclassified.map((o) => o.item).slice(0, 4)).toEqual([35, 52, 58, 59]);
    expect(acc.outcomes.map((o) => o.predicted)).toEqual(predicted);
    // Test image 15 (a ship): ResNet-32 gets it wrong, ResNet-20 right.
    expect(acc.outcomes[15]).toMatchObject({ label: 8, predicted: 8 });
    // Ten dogs read as cats: the largest off-diagonal cell.
    expect(misclassifiedAs(acc.outcomes, 5, 3)).toHaveLength(10);
    expect(misclassifiedAs(acc.outcomes, 5, null)).toHaveLength(13);
  });

  it('gives each image softmax probabilities of its logits', () => {
    const top = Math.exp(5);
    const rest = Array.from({ length: 10 }, (_, c) => Math.exp(-c / 10));
    const o = acc.outcomes[0]!; // predicted 3 (cat), true 3
    const sum = top + rest.reduce((a, b) => a + b, 0) - rest[3]!;
    expect(o.probability).toBeCloseTo(top / sum, 8); // the logits are float32
    expect(o.trueProbability).toBe(o.probability);
  });
});

describe('top-5 and ties', () => {
  it('counts top-5 hits from the ranking and breaks ties to the lower index as torch does', () => {
    const acc = createAccumulator(7);
    // Row 0: true 6 ranked 6th (miss). Row 1: true 4 ranked 2nd. Row 2: all equal, so class 0 wins.
    const logits = new Float32Array([6, 5, 4, 3, 2, 1, 0, 0, 9, 1, 1, 8, 1, 1, 0, 0, 0, 0, 0, 0, 0]);
    addLogitsBatch(acc, logits, [5, 4, 3], [10, 11, 12]);
    const s = summarize(acc, [], 0);
    expect(acc.outcomes.map((o) => o.predicted)).toEqual([0, 1, 0]);
    expect(acc.outcomes.map((o) => o.top5)).toEqual([
      [0, 1, 2, 3, 4],
      [1, 4, 2, 3, 5],
      [0, 1, 2, 3, 4],
    ]);
    expect(s.correct).toBe(0);
    expect(s.top5Accuracy).toBeCloseTo(2 / 3, 12);
    expect(s.labels[6]).toBe('class 6');
    expect(s.imagesPerSecond).toBeNull();
    expect(acc.outcomes[2]!.probability).toBeCloseTo(1 / 7, 12);
  });

  it('refuses a batch whose logits do not match the class count', () => {
    const acc = createAccumulator(10);
    expect(() => addLogitsBatch(acc, new Float32Array(19), [1, 2], [0, 1])).toThrow(/needs 20 logits/);
    expect(() => addLogitsBatch(acc, new Float32Array(10), [10], [0])).toThrow(/label 10/);
  });
});

describe('progress and the heatmap scale', () => {
  it('extrapolates the time left from the rate so far', () => {
    expect(secondsLeft(250, 1000, 500)).toBe(1.5);
    expect(secondsLeft(0, 1000, 500)).toBeNull();
    expect(secondsLeft(1000, 1000, 0)).toBe(0);
    expect(imagesPerSecond(64, 100)).toBe(640);
  });

  it('scales rows to fractions and keeps only classes that occur', () => {
    const confusion = [
      [3, 1, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [2, 0, 0, 2],
    ];
    expect(rowShares(confusion)).toEqual([
      [0.75, 0.25, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [0.5, 0, 0, 0.5],
    ]);
    expect(activeClasses(confusion)).toEqual([0, 1, 3]);
  });
});

describe('export', () => {
  const acc = createAccumulator(3);
  addLogitsBatch(acc, new Float32Array([2, 1, 0, 0, 3, 3, 1, 0, 5]), [0, 2, 2], [0, 1, 2]);
  const s = summarize(acc, ['cat', 'dog', 'ship, boat'], 10);
  const name = (i: number) => `test_batch.bin#${i}`;
  const info: EvalRunInfo = {
    model: { id: 'm', name: 'M', architecture: 'cifar_resnet20' },
    set: { name: 'test_batch.bin', kind: 'cifar10', images: 10 },
    complete: false,
    backend: 'wasm',
    threads: 2,
    batchSize: 64,
    timing: { wallMs: 10, preprocessMs: 1, inferenceMs: 8 },
  };

  it('writes JSON with totals, confusion and every prediction', () => {
    const doc = JSON.parse(evaluationJson(s, acc.outcomes, info, name)) as Record<string, unknown>;
    expect(doc).toMatchObject({ count: 3, correct: 2, complete: false, imagesPerSecond: 300 });
    expect(doc['confusion']).toEqual([
      [1, 0, 0],
      [0, 0, 0],
      [0, 1, 1],
    ]);
    expect(doc['predictions']).toEqual([
      expect.objectContaining({ item: 0, image: 'test_batch.bin#0', label: 0, predicted: 0, correct: true }),
      expect.objectContaining({ item: 1, label: 2, predicted: 1, correct: false, top5: [1, 2, 0] }),
      expect.objectContaining({ item: 2, label: 2, predicted: 2, correct: true }),
    ]);
  });

  it('writes CSV that reads back, one row per image', () => {
    const rows = parseCsv(evaluationCsv(acc.outcomes, s.labels, name));
    expect(rows[0]).toEqual(EVALUATION_COLUMNS);
    expect(rows).toHaveLength(4);
    expect(rows[2]!.slice(0, 7)).toEqual(['1', 'test_batch.bin#1', '2', 'ship, boat', '1', 'dog', 'false']);
    expect(rows[2]![9]).toBe('1 2 0');
  });
});
