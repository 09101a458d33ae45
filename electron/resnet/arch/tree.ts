import type { Container, Leaf, ModuleNode } from './types';

/** Whether a node holds children (ResNet, Sequential, blocks) rather than a layer with hyper-parameters. */
export function isContainer(module: Leaf | Container): module is Container {
  return 'children' in module;
}

/** The children of a node in registration order (none for a leaf). */
export function childrenOf(node: ModuleNode): ModuleNode[] {
  return isContainer(node.module) ? node.module.children : [];
}

/**
 * Every node of the tree in PyTorch's `named_modules()` order: pre-order, the node before its children,
 * children in registration order. The root comes first with path ''.
 */
export function* walk(node: ModuleNode): Generator<ModuleNode> {
  yield node;
  for (const child of childrenOf(node)) yield* walk(child);
}

/** `model.named_modules()` as an array of `[path, node]`, the root first as `['', root]`. */
export function namedModules(root: ModuleNode): [string, ModuleNode][] {
  return [...walk(root)].map((n) => [n.path, n]);
}

/** The node at a dotted path (`layer2.0.downsample.0`; '' is the root), or undefined when there is none. */
export function findModule(root: ModuleNode, path: string): ModuleNode | undefined {
  if (path === '') return root;
  let node: ModuleNode | undefined = root;
  for (const name of path.split('.')) {
    node = childrenOf(node).find((c) => c.name === name);
    if (!node) return undefined;
  }
  return node;
}

/** Depth of a path in the tree: 0 for the root, 1 for `conv1`, 2 for `layer1.0`. */
export function depthOf(path: string): number {
  return path === '' ? 0 : path.split('.').length;
}

/** Join a parent path and a child name the way PyTorch does (no leading dot under the root). */
export function joinPath(parent: string, name: string): string {
  return parent === '' ? name : `${parent}.${name}`;
}
