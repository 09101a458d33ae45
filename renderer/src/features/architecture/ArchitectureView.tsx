import { useSession } from '../../app/session';

/** `print(model)` of the selected model, text-identical to PyTorch's. */
export function ArchitectureView() {
  const { model } = useSession();
  if (model.state.status !== 'ready') return <main className="workspace single muted">…</main>;
  return (
    <main className="workspace single">
      <pre className="print-model" data-testid="print-model">
        {model.state.model.printText}
      </pre>
    </main>
  );
}
