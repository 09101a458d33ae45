/**
 * Image sets for eval and compare: CIFAR-10 binary batches, folder-per-class trees (the class is the
 * folder's name), and plain images or folders without labels. Images are decoded lazily.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { cifarRecordImage, matchClassFolders, readCifar10Batch } from '../resnet/datasets';
import { readLabels } from '../main/services/manifest';
import { CliError } from './errors';
import { imagesInDirectory, readImage, readInputFile } from './images';
import { RESOURCES_DIR } from './models';
import type { ImageSource } from './runtime';

/** An image with its true class name, or null when the set has no labels. */
export type SetItem = ImageSource & { label: string | null };

/** The CIFAR-10 class names (label byte = index). */
export function cifar10Labels(): string[] {
  return readLabels(RESOURCES_DIR, 'cifar10-classes.txt');
}

/** Every record of a CIFAR-10 binary batch, named `file#index`. */
export function cifarBatchItems(path: string): SetItem[] {
  const batch = readCifar10Batch(readInputFile(path, 'CIFAR-10 batch'), path);
  const names = cifar10Labels();
  return Array.from({ length: batch.count }, (_, i) => ({
    name: `${path}#${i}`,
    label: names[batch.labels[i]!]!,
    load: () => cifarRecordImage(batch, i),
  }));
}

function subdirectories(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => statSync(join(dir, f)).isDirectory())
    .sort();
}

function checkDirectory(dir: string): void {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new CliError(`folder not found: ${dir}`);
  }
  if (!isDir) throw new CliError(`${dir} is not a folder`);
}

/** A folder-per-class tree: `DIR/<class>/*.png|jpg|bmp`, the class being the folder name. */
export function classFolderItems(dir: string): SetItem[] {
  checkDirectory(dir);
  const classes = subdirectories(dir);
  if (classes.length === 0)
    throw new CliError(`${dir} has no class folders (expected ${dir}/<class>/<image>)`);
  const items = classes.flatMap((c) =>
    imagesInDirectory(join(dir, c)).map((file) => ({ name: file, label: c, load: () => readImage(file) })),
  );
  if (items.length === 0)
    throw new CliError(`the class folders of ${dir} contain no PNG, JPEG or BMP images`);
  return items;
}

/**
 * Maps each item's class name to the model's label index. Folder names are compared ignoring case,
 * '_' and '-'; names that match nothing fail with the list of them.
 */
export function labelIndices(
  items: readonly SetItem[],
  modelLabels: readonly string[],
  model: string,
): number[] {
  const names = [...new Set(items.map((i) => i.label).filter((l): l is string => l !== null))];
  const { matched, unmatched } = matchClassFolders(names, modelLabels);
  if (unmatched.length > 0) {
    const shown =
      unmatched.slice(0, 10).join(', ') + (unmatched.length > 10 ? `, ... (${unmatched.length} in all)` : '');
    throw new CliError(
      `${unmatched.length} class name(s) match none of the ${modelLabels.length} labels of ${model}: ${shown} ` +
        `(case, '_' and '-' are ignored; a folder may also be a class index)`,
    );
  }
  return items.map((i) => (i.label === null ? -1 : matched.get(i.label)!));
}

/**
 * Positional arguments of compare: image files, folders (folder-per-class when they have subfolders,
 * else the images in them, unlabelled) and CIFAR-10 `.bin` batches.
 */
export function itemsFromArgs(args: readonly string[]): SetItem[] {
  return args.flatMap((a): SetItem[] => {
    let stat;
    try {
      stat = statSync(a);
    } catch {
      throw new CliError(`file or folder not found: ${a}`);
    }
    if (stat.isDirectory()) {
      if (subdirectories(a).length > 0) return classFolderItems(a);
      const files = imagesInDirectory(a);
      if (files.length === 0) throw new CliError(`${a} contains no PNG, JPEG or BMP images`);
      return files.map((file) => ({ name: file, label: null, load: () => readImage(file) }));
    }
    if (extname(a).toLowerCase() === '.bin') return cifarBatchItems(a);
    return [{ name: a, label: null, load: () => readImage(a) }];
  });
}

/** A short name for a set, for reports. */
export function describeSet(args: readonly string[]): string {
  return args.map((a) => basename(a)).join(', ');
}
