import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { repoRoot } from './host/test-host';
import { ComparePage } from './pages/compare-page';
import { LensPage } from './pages/lens-page';

const fixtures = join(repoRoot, 'fixtures');
const cifarClasses = readFileSync(join(fixtures, 'labels', 'cifar10-classes.txt'), 'utf8')
  .trim()
  .split('\n');
type Predictions = { models: Record<string, { predictions: number[] }> };
const torch = JSON.parse(
  readFileSync(join(fixtures, 'cifar10', 'pytorch-predictions-first1000.json'), 'utf8'),
) as Predictions;
const torchTop1 = (file: string, index: number) => cifarClasses[torch.models[file]!.predictions[index]!]!;

test('ResNet-20 vs ResNet-56 on a CIFAR image: each top-1 is PyTorch’s, the badge says whether they agree', async ({
  app,
}) => {
  const lens = new LensPage(app);
  const compare = new ComparePage(app);
  await lens.waitForModel();
  await compare.open();
  await compare.pick('A', 'cifar10-resnet20');
  await compare.pick('B', 'cifar10-resnet56');
  const index = 0;
  const files = ['test0000_cat.png', 'test0001_ship.png', 'test0002_ship.png'];
  await lens.dropFiles(files.map((f) => join(fixtures, 'images', 'cifar10-png', f)));
  const r20 = await compare.top5('cifar10-resnet20');
  const r56 = await compare.top5('cifar10-resnet56');
  const want20 = torchTop1('resnet20-12fca82f.th', index);
  const want56 = torchTop1('resnet56-4bfd9763.th', index);
  expect(r20[0]).toBe(want20);
  expect(r56[0]).toBe(want56);
  expect(r20).toHaveLength(5);
  await expect(compare.agreement).toHaveAttribute('data-agree', String(want20 === want56));
  await expect(compare.agreement).toContainText(want20 === want56 ? `all pick “${want20}”` : 'Disagree');
  await expect(compare.column('cifar10-resnet56')).toContainText('56');
  await expect(compare.column('cifar10-resnet20').getByTestId('latency')).toContainText('ms');
  // Over the three images: top-1 agreement as PyTorch's predictions say, CKA per stage pair in [0, 1].
  const cka = await compare.runCka();
  const agreed = files.filter(
    (_, i) => torchTop1('resnet20-12fca82f.th', i) === torchTop1('resnet56-4bfd9763.th', i),
  ).length;
  await expect(compare.ckaAgreement).toHaveText(`Top-1 agreement: ${agreed} of 3 images`);
  expect(cka).toHaveLength(3);
  for (const row of cka) {
    expect(row).toHaveLength(3);
    for (const v of row) expect(v >= 0 && v <= 1 + 1e-9).toBe(true);
  }
  await app.getByLabel('Theme').selectOption('dark');
  await app.screenshot({ path: join(repoRoot, 'docs', 'screenshots', 'compare-dark.png') });
});

test('architecture diff of untrained resnet34 vs resnet50: BasicBlock vs Bottleneck; CIFAR vs ImageNet refused per image', async ({
  app,
}) => {
  const lens = new LensPage(app);
  const compare = new ComparePage(app);
  await lens.waitForModel();
  await compare.open();
  await compare.pick('A', 'arch-resnet34');
  await compare.pick('B', 'arch-resnet50');
  expect(await compare.diffRow('blockType')).toEqual({ values: ['BasicBlock', 'Bottleneck'], differs: true });
  expect(await compare.diffRow('layers')).toEqual({
    values: ['[3, 4, 6, 3]', '[3, 4, 6, 3]'],
    differs: false,
  });
  expect((await compare.diffRow('layer4.width')).values).toEqual(['512', '2048']);
  expect((await compare.diffRow('params')).values).toEqual(['21.80M', '25.56M']);
  // A CIFAR-10 model against an ImageNet one: no per-image verdict, the diff still renders.
  await compare.pick('A', 'cifar10-resnet20');
  await expect(compare.conflict).toContainText('cifar10 vs imagenet');
  expect((await compare.diffRow('layer4.width')).values).toEqual(['—', '2048']);
});
