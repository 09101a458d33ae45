import { useMemo } from 'react';
import type { LoadedModel } from '../../../../electron/ipc/contract';
import { formatSummary, inferShapes, summarize } from '../../../../electron/resnet/arch';
import { useSession } from '../../app/session';
import { useT } from '../../i18n/i18n';
import { fileStem } from '../export/download';
import { textItem, type ExportItem } from '../export/export-items';
import { ExportMenu } from '../export/ExportMenu';
import { inputHW } from '../input-size/input-size';
import { InputSizeControl } from '../input-size/InputSizeControl';
import { useInputSize } from '../input-size/useInputSize';
import { downsampleBlocks } from './downsample';
import { architectureMessages } from './messages';
import { PrintModel } from './PrintModel';
import { moduleTreeOf } from './summary-view';
import { SummaryTable } from './SummaryTable';
import './architecture.css';

/** The selected model's `print(model)` and a torchinfo summary for the input size in use. */
export function ArchitectureView() {
  const t = useT(architectureMessages);
  const { model, gallery } = useSession();
  const { choice } = useInputSize();
  const loaded = model.state.status === 'ready' ? model.state.model : null;
  const image = gallery.current ? { width: gallery.current.width, height: gallery.current.height } : null;
  const [height, width] = loaded ? inputHW(choice, loaded.preprocessing, image) : [0, 0];
  const analysis = useMemo(() => (loaded ? analyse(loaded, height, width) : null), [loaded, height, width]);
  if (!loaded || !analysis) return <main className="workspace single muted">{t('noModel')}</main>;
  const items = exportsFor(loaded, analysis, t, `${height}x${width}`);
  return (
    <main className="workspace architecture" data-testid="architecture-view">
      <header className="arch-bar">
        <h2>
          {loaded.summary.name} <span className="muted">{loaded.summary.architecture}</span>
        </h2>
        <InputSizeControl standard={loaded.preprocessing} image={image} />
        <span className="muted" data-testid="arch-input">
          [1, 3, {height}, {width}]
        </span>
        <ExportMenu items={items} />
      </header>
      <div className="arch-panes">
        <div className="pane">
          <SummaryPane key={loaded.summary.id} analysis={analysis} />
        </div>
        <div className="pane">
          <h3>{t('printModel')}</h3>
          <PrintModel text={loaded.printText} />
        </div>
      </div>
    </main>
  );
}

type Analysis =
  | { summary: ReturnType<typeof summarize>; downsamples: ReturnType<typeof downsampleBlocks> }
  | { shapeError: string }
  | { reason: 'onnx' | 'custom' | 'error'; detail: string };

/** The summary and the downsample reasons for one input size, or why there are none. */
function analyse(model: LoadedModel, height: number, width: number): Analysis {
  const tree = moduleTreeOf(model);
  if ('reason' in tree) return tree;
  const input: [number, number, number, number] = [1, 3, height, width];
  try {
    const summary = summarize(tree.root, input);
    return { summary, downsamples: downsampleBlocks(tree.root, inferShapes(tree.root, input), input) };
  } catch (e) {
    return { shapeError: e instanceof Error ? e.message : String(e) };
  }
}

/** The table, or why there is none (no tree for this model, or an input too small for it). */
function SummaryPane({ analysis }: { analysis: Analysis }) {
  const t = useT(architectureMessages);
  if ('summary' in analysis)
    return <SummaryTable summary={analysis.summary} downsamples={analysis.downsamples} />;
  return (
    <p className="error" role="alert" data-testid="summary-error">
      {'shapeError' in analysis
        ? t('shapeError', { message: analysis.shapeError })
        : t('noTree', {
            reason:
              analysis.reason === 'onnx'
                ? t('noTreeOnnx')
                : analysis.reason === 'custom'
                  ? t('noTreeCustom')
                  : analysis.detail,
          })}
    </p>
  );
}

type Translate = (key: keyof (typeof architectureMessages)['en']) => string;

/** The view's exports: `print(model)` and, when there is one, the torchinfo text of the summary. */
function exportsFor(model: LoadedModel, analysis: Analysis, t: Translate, size: string): ExportItem[] {
  const stem = fileStem(model.summary.name);
  const items = [textItem('print', t('exportPrint'), `${stem} print`, model.printText)];
  if ('summary' in analysis) {
    items.push(
      textItem('summary', t('exportSummary'), `${stem} summary ${size}`, formatSummary(analysis.summary)),
    );
  }
  return items;
}
