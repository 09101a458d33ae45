import type { ImportPreview, StateDictReport } from '../../../../electron/ipc/contract';
import { useT } from '../../i18n/i18n';
import { parseForm } from './import-form';
import { ImportSettingsForm } from './ImportSettingsForm';
import { formatBytes, formatParams } from './library-model';
import { libraryMessages, type LibraryT } from './messages';
import type { CurrentImport, Importer } from './useImport';

type Props = { importer: Importer; current: CurrentImport; builders: string[] };

/**
 * What a file turned out to be, for confirmation: format, inferred architecture (another builder can be
 * chosen, and the keys are compared again), the key-by-key report, ONNX graph facts, and the settings.
 */
export function ImportPreviewCard({ importer, current, builders }: Props) {
  const t = useT(libraryMessages);
  const { preview: p, form, busy, error } = current;
  const parsed = parseForm(form);
  const canConfirm = p.canConfirm && parsed.ok && !busy;
  return (
    <article
      className="lib-preview"
      data-testid="import-preview"
      data-import-id={p.id}
      data-kind={p.kind}
      data-format={p.format}
    >
      <header>
        <h3>{t('previewTitle', { name: p.fileName })}</h3>
        <p className="muted">
          {t('previewFacts', {
            format: p.format,
            size: formatBytes(p.sizeBytes),
            sha: p.sha256.slice(0, 12),
          })}
        </p>
        {p.alreadyImported && <p className="notice">{t('alreadyImported')}</p>}
      </header>
      {p.kind === 'checkpoint' ? (
        <CheckpointFacts p={p} builders={builders} importer={importer} busy={busy} t={t} />
      ) : (
        <OnnxFacts p={p} t={t} />
      )}
      <Problem p={p} t={t} />
      <ImportSettingsForm
        form={form}
        errors={parsed.ok ? {} : parsed.errors}
        open={p.kind === 'onnx'}
        onChange={importer.setForm}
      />
      {error && (
        <p className="error" role="alert" data-testid="import-confirm-error">
          {error}
        </p>
      )}
      <footer>
        <button
          type="button"
          className="primary"
          disabled={!canConfirm}
          data-testid="import-confirm"
          onClick={() => void importer.confirm()}
        >
          {p.alreadyImported ? t('confirmUpdate') : t('confirmImport')}
        </button>
        <button type="button" onClick={importer.cancel} disabled={busy}>
          {t('cancel')}
        </button>
      </footer>
    </article>
  );
}

/**
 * Why the file cannot be confirmed. A key mismatch is already listed key by key: PyTorch's own text of it
 * stays one click away. Anything else (no ResNet recognised, an unusable graph) is the whole explanation.
 */
function Problem({ p, t }: { p: ImportPreview; t: LibraryT }) {
  if (!p.problem) return null;
  const text = (
    <pre className="lib-problem" data-testid="import-problem">
      {p.problem}
    </pre>
  );
  if (p.match && !p.match.clean) {
    return (
      <details className="lib-pytorch">
        <summary>{t('pytorchMessage')}</summary>
        {text}
      </details>
    );
  }
  return <div role="alert">{text}</div>;
}

function CheckpointFacts({
  p,
  builders,
  importer,
  busy,
  t,
}: {
  p: ImportPreview;
  builders: string[];
  importer: Importer;
  busy: boolean;
  t: LibraryT;
}) {
  const d = p.architectureDetails;
  // 'custom': inference found a ResNet no builder makes (e.g. other groups or widths); keep it choosable
  const options =
    p.architecture && !builders.includes(p.architecture) ? [p.architecture, ...builders] : builders;
  return (
    <div className="lib-facts">
      <label>
        {t('architecture')}{' '}
        <select
          aria-label={t('architecture')}
          data-testid="import-architecture"
          value={p.architecture ?? ''}
          disabled={busy}
          onChange={(e) => void importer.chooseArchitecture(e.target.value)}
        >
          {p.architecture === null && <option value="">{t('noArchitecture')}</option>}
          {options.map((b) => (
            <option key={b} value={b}>
              {b === 'custom' ? t('customArchitecture') : b}
            </option>
          ))}
        </select>
      </label>
      {d && (
        <p className="muted" data-testid="import-details">
          {t('details', {
            block: d.block,
            layers: `[${d.layers.join(', ')}]`,
            groups: d.groups,
            width: d.widthPerGroup,
            classes: d.numClasses,
            params: formatParams(p.params),
          })}
        </p>
      )}
      {p.match && <MatchReport m={p.match} t={t} />}
    </div>
  );
}

/** PyTorch's `load_state_dict` verdict, key by key. */
function MatchReport({ m, t }: { m: StateDictReport; t: LibraryT }) {
  if (m.clean) {
    return (
      <p className="lib-match ok" data-testid="match-report" data-clean="true">
        {t('matchClean')}
      </p>
    );
  }
  return (
    <div className="lib-match bad" data-testid="match-report" data-clean="false">
      <p>
        {t('matchSummary', {
          missing: m.missing.length,
          unexpected: m.unexpected.length,
          shapes: m.shapeMismatch.length,
        })}
      </p>
      <KeyList title={t('missingKeys')} keys={m.missing} testId="missing-keys" />
      <KeyList title={t('unexpectedKeys')} keys={m.unexpected} testId="unexpected-keys" />
      {m.shapeMismatch.length > 0 && (
        <details open data-testid="shape-mismatches">
          <summary>{t('shapeMismatches', { n: m.shapeMismatch.length })}</summary>
          <ul>
            {m.shapeMismatch.map((s) => (
              <li key={s.key}>
                <code>{s.key}</code>:{' '}
                {t('shapeLine', { expected: `[${s.expected.join(', ')}]`, got: `[${s.got.join(', ')}]` })}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function KeyList({ title, keys, testId }: { title: string; keys: string[]; testId: string }) {
  if (keys.length === 0) return null;
  return (
    <details open={keys.length <= 12} data-testid={testId}>
      <summary>
        {title} ({keys.length})
      </summary>
      <ul>
        {keys.map((k) => (
          <li key={k}>
            <code>{k}</code>
          </li>
        ))}
      </ul>
    </details>
  );
}

function OnnxFacts({ p, t }: { p: ImportPreview; t: LibraryT }) {
  const o = p.onnx;
  if (!o) return null;
  const shape = (s: (number | string | null)[] | null) =>
    s ? `[${s.map((d) => d ?? '?').join(', ')}]` : '?';
  const stages = o.modules.filter((m) => !m.includes('.'));
  return (
    <div className="lib-facts" data-testid="onnx-facts">
      <p className="muted">
        {t('onnxFacts', { producer: o.producer || '?', opset: o.opset ?? '?', nodes: o.nodes })}
      </p>
      <p>
        {t('onnxInputs')}{' '}
        {o.inputs.map((i) => (
          <code key={i.name}>
            {i.name} {shape(i.shape)}
          </code>
        ))}{' '}
        · {t('onnxOutputs')}{' '}
        {o.outputs.map((i) => (
          <code key={i.name}>
            {i.name} {shape(i.shape)}
          </code>
        ))}
      </p>
      <p data-testid="onnx-modules">
        {o.modules.length > 0
          ? t('onnxModules', { n: o.modules.length, stages: stages.join(', ') })
          : t('onnxNoModules')}
      </p>
    </div>
  );
}
