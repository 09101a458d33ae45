import { useEffect, useMemo, useRef, useState } from 'react';
import { useT } from '../../i18n/i18n';
import { inspectMessages } from './messages';
import { ancestorsOf, formatShape, visibleRows, type StageNode, type VisibleRow } from './stage-tree';

type Props = {
  tree: StageNode[];
  selected: string | null;
  onSelect: (output: string) => void;
};

/** Layers start open (their blocks visible); the stem, head and blocks start closed. */
function initialExpanded(tree: StageNode[]): Set<string> {
  return new Set(tree.filter((n) => n.kind === 'layer').map((n) => n.key));
}

/**
 * The network as a collapsible tree (WAI-ARIA tree pattern): stem, layers, blocks, the modules inside a
 * block, head; each row with its output shape for the current input. Up/Down move through the visible
 * rows and show the output there, Right opens (or steps into) a node, Left closes it (or steps out),
 * Home/End jump; Enter or a click on a group toggles it.
 */
export function StageNavigator({ tree, selected, onSelect }: Props) {
  const t = useT(inspectMessages);
  const [expanded, setExpanded] = useState(() => initialExpanded(tree));
  const [focused, setFocused] = useState<string | null>(selected);
  const listRef = useRef<HTMLUListElement>(null);

  // A new selection (from the Why view, or the default stage) opens the path down to it; adjusting
  // state while rendering is React's pattern for state derived from a changed prop.
  const [revealed, setRevealed] = useState<string | null>(null);
  if (selected && selected !== revealed) {
    setRevealed(selected);
    const path = ancestorsOf(tree, selected);
    if (!path.every((k) => expanded.has(k))) setExpanded(new Set([...expanded, ...path]));
  }

  const rows = useMemo(() => visibleRows(tree, expanded), [tree, expanded]);
  const current = focused ?? selected;

  useEffect(() => {
    if (!current) return;
    const el = listRef.current?.querySelector(`[data-key="${CSS.escape(current)}"]`);
    el?.scrollIntoView?.({ block: 'nearest' });
  }, [current, rows]);

  const toggle = (key: string, open?: boolean) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (open ?? !next.has(key)) next.add(key);
      else next.delete(key);
      return next;
    });
  const go = (row: VisibleRow | undefined) => {
    if (!row) return;
    setFocused(row.node.key);
    if (row.node.output) onSelect(row.node.output);
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    const at = rows.findIndex((r) => r.node.key === current);
    const row = rows[at];
    const handled = keyAction(e.key, at, row, rows, expanded, { go, toggle });
    if (handled) e.preventDefault();
  };

  return (
    <nav className="navigator" aria-label={t('stages')}>
      <h2>{t('stages')}</h2>
      <ul
        ref={listRef}
        role="tree"
        aria-label={t('stages')}
        tabIndex={0}
        onKeyDown={onKeyDown}
        aria-activedescendant={current ? `stage-${current}` : undefined}
      >
        {rows.map((row) => (
          <Row
            key={row.node.key}
            row={row}
            open={expanded.has(row.node.key)}
            selected={row.node.output !== null && row.node.output === selected}
            focused={row.node.key === current}
            onClick={() => {
              if (row.node.output) go(row);
              else {
                setFocused(row.node.key);
                toggle(row.node.key);
              }
            }}
            onToggle={() => toggle(row.node.key)}
            t={t}
          />
        ))}
      </ul>
    </nav>
  );
}

type Actions = { go: (row: VisibleRow | undefined) => void; toggle: (key: string, open?: boolean) => void };

/** What a key does in the tree; false when the key is not the tree's. */
function keyAction(
  key: string,
  at: number,
  row: VisibleRow | undefined,
  rows: VisibleRow[],
  expanded: ReadonlySet<string>,
  a: Actions,
): boolean {
  const hasKids = !!row && row.node.children.length > 0;
  switch (key) {
    case 'ArrowDown':
      a.go(rows[Math.min(rows.length - 1, at + 1)]);
      return true;
    case 'ArrowUp':
      a.go(rows[Math.max(0, at - 1)]);
      return true;
    case 'Home':
      a.go(rows[0]);
      return true;
    case 'End':
      a.go(rows.at(-1));
      return true;
    case 'ArrowRight':
      if (row && hasKids && !expanded.has(row.node.key)) a.toggle(row.node.key, true);
      else if (hasKids) a.go(rows[at + 1]);
      return true;
    case 'ArrowLeft':
      if (row && hasKids && expanded.has(row.node.key)) a.toggle(row.node.key, false);
      else if (row?.parent) a.go(rows.find((r) => r.node.key === row.parent));
      return true;
    case 'Enter':
    case ' ':
      if (row && hasKids) a.toggle(row.node.key);
      return true;
    default:
      return false;
  }
}

type RowProps = {
  row: VisibleRow;
  open: boolean;
  selected: boolean;
  focused: boolean;
  onClick: () => void;
  onToggle: () => void;
  t: (key: keyof typeof inspectMessages.en, vars?: Record<string, string | number>) => string;
};

function Row({ row, open, selected, focused, onClick, onToggle, t }: RowProps) {
  const { node, depth } = row;
  const kids = node.children.length > 0;
  const label = node.kind === 'group' ? t(node.label as 'stem' | 'head') : node.label;
  const call = /:(\d+)$/.exec(node.label);
  return (
    <li
      id={`stage-${node.key}`}
      role="treeitem"
      aria-level={depth + 1}
      aria-expanded={kids ? open : undefined}
      aria-selected={selected}
      data-key={node.key}
      data-output={node.output ?? undefined}
      className={`nav-row ${node.kind}${selected ? ' selected' : ''}${focused ? ' focused' : ''}`}
      style={{ paddingLeft: 6 + depth * 14 }}
      onClick={onClick}
      title={call ? t('reluCall', { n: Number(call[1]) + 1 }) : node.moduleType}
    >
      <span
        className="nav-twisty"
        aria-hidden
        onClick={(e) => {
          if (!kids) return;
          e.stopPropagation();
          onToggle();
        }}
      >
        {kids ? (open ? '▾' : '▸') : ''}
      </span>
      <span className="nav-name">{label}</span>
      {node.badge && (
        <span
          className={`nav-badge ${node.badge}`}
          title={t(node.badge === 'downsample' ? 'downsampleTitle' : 'shortcutTitle')}
          data-testid="downsample-badge"
        >
          {t(node.badge)}
        </span>
      )}
      <span className="nav-shape" data-testid="stage-row-shape">
        {formatShape(node.shape)}
      </span>
    </li>
  );
}
