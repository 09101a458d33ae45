import { Fragment, useMemo, useState } from 'react';
import { humanCount, withCommas, type ModelSummary, type SummaryRow } from '../../../../electron/resnet/arch';
import { useT } from '../../i18n/i18n';
import { downsampleReasons, type DownsampleInfo } from './downsample';
import { architectureMessages } from './messages';
import { expandedToDepth, shownCost, visibleRows } from './summary-view';

type Props = { summary: ModelSummary; downsamples: readonly DownsampleInfo[] };

const DEPTHS = [1, 2, 3, Infinity];

/**
 * torchinfo's table for the current input: module, output shape, params, mult-adds, collapsible per
 * container and by depth; blocks with a reshaping shortcut carry a badge and the reason in words.
 */
export function SummaryTable({ summary, downsamples }: Props) {
  const t = useT(architectureMessages);
  const [expanded, setExpanded] = useState(() => expandedToDepth(summary.rows, 2));
  const byBlock = useMemo(() => new Map(downsamples.map((d) => [d.block, d])), [downsamples]);
  const shortcuts = useMemo(() => new Set(downsamples.map((d) => d.shortcut)), [downsamples]);
  const parents = useMemo(
    () =>
      new Set(summary.rows.filter((r, i) => (summary.rows[i + 1]?.depth ?? -1) > r.depth).map((r) => r.path)),
    [summary.rows],
  );
  const toggle = (path: string) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });
  return (
    <section className="summary" aria-label={t('summary')}>
      <div className="depths" role="group" aria-label={t('depth')}>
        {t('depth')}
        {DEPTHS.map((d) => (
          <button key={d} onClick={() => setExpanded(expandedToDepth(summary.rows, d))}>
            {Number.isFinite(d) ? d : t('all')}
          </button>
        ))}
      </div>
      <table data-testid="summary-table">
        <thead>
          <tr>
            <th>{t('layer')}</th>
            <th>{t('outputShape')}</th>
            <th className="num">{t('params')}</th>
            <th className="num">{t('multAdds')}</th>
          </tr>
        </thead>
        <tbody>
          {visibleRows(summary.rows, expanded).map((row) => (
            <Row
              key={row.path}
              row={row}
              expanded={expanded}
              isParent={parents.has(row.path)}
              downsample={byBlock.get(row.path)}
              isShortcut={shortcuts.has(row.path)}
              onToggle={toggle}
            />
          ))}
        </tbody>
      </table>
      <Totals summary={summary} />
    </section>
  );
}

type RowProps = {
  row: SummaryRow;
  expanded: ReadonlySet<string>;
  isParent: boolean;
  downsample: DownsampleInfo | undefined;
  isShortcut: boolean;
  onToggle: (path: string) => void;
};

/** One module: toggle, path and torchinfo label, shape and costs; then its downsample reason, if any. */
function Row({ row, expanded, isParent, downsample, isShortcut, onToggle }: RowProps) {
  const t = useT(architectureMessages);
  const open = expanded.has(row.path);
  const label = row.depth === 0 ? row.type : `${row.type}: ${row.depth}-${row.index}`;
  const cost = (v: number) => {
    const shown = shownCost(row, expanded, v);
    return shown === null || shown === 0 ? '--' : withCommas(shown);
  };
  return (
    <Fragment>
      <tr
        data-path={row.path}
        data-shape={row.outputShape.join(',')}
        className={downsample ? 'has-downsample' : isShortcut ? 'is-shortcut' : undefined}
      >
        <td className="name" style={{ paddingLeft: `${8 + row.depth * 16}px` }}>
          {isParent ? (
            <button
              className="toggle"
              aria-expanded={open}
              aria-label={t(open ? 'collapse' : 'expand', { name: row.path || row.type })}
              onClick={() => onToggle(row.path)}
            >
              {open ? '▾' : '▸'}
            </button>
          ) : (
            <span className="toggle-space" />
          )}
          <span className="path">{row.path || '(root)'}</span> <span className="type">{label}</span>
          {(downsample || isShortcut) && <span className="badge">{t('downsample')}</span>}
        </td>
        <td className="shape">[{row.outputShape.join(', ')}]</td>
        <td className="num">{cost(row.params)}</td>
        <td className="num">{cost(row.macs)}</td>
      </tr>
      {downsample && (
        <tr className="reason" data-reason-for={row.path}>
          <td colSpan={4} style={{ paddingLeft: `${32 + row.depth * 16}px` }}>
            {downsampleReasons(downsample, t).join('; ')}
          </td>
        </tr>
      )}
    </Fragment>
  );
}

function Totals({ summary }: { summary: ModelSummary }) {
  const t = useT(architectureMessages);
  return (
    <dl className="totals" data-testid="summary-totals">
      <dt>{t('totalParams')}</dt>
      <dd data-value={summary.totalParams}>{withCommas(summary.totalParams)}</dd>
      <dt>{t('totalMacs')}</dt>
      <dd data-value={summary.totalMacs}>{humanCount(summary.totalMacs)}</dd>
      <dt>{t('inputShape')}</dt>
      <dd>[{summary.input.join(', ')}]</dd>
      <dt>{t('paramsSize')}</dt>
      <dd>{((summary.totalParams * 4) / 1e6).toFixed(2)} MB</dd>
    </dl>
  );
}
