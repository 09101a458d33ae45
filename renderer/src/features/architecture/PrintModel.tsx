/** Lines of `print(model)` that open a reshaping shortcut: torchvision's `downsample`, the CIFAR option A. */
const SHORTCUT_LINE = /^\s*\((downsample)\): Sequential\(|^\s*\(shortcut\): LambdaLayer\(\)/;

/**
 * PyTorch's `print(model)` text, exactly as given (the element's text content is the string), with the
 * shortcut lines highlighted.
 */
export function PrintModel({ text }: { text: string }) {
  const lines = text.split('\n');
  return (
    <pre className="print-model" data-testid="print-model">
      {lines.map((line, i) => (
        <span key={i} className={SHORTCUT_LINE.test(line) ? 'shortcut-line' : undefined}>
          {line}
          {i < lines.length - 1 ? '\n' : ''}
        </span>
      ))}
    </pre>
  );
}
