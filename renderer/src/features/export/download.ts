/**
 * Saving files from the renderer without any main-process help: a Blob behind an `<a download>` link.
 * Electron turns the click into its download flow (a save dialog by default), a browser into a download,
 * and Playwright into a `download` event.
 */

/** Starts the download of `blob` under `fileName`; the object URL is revoked once the click is handled. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some engines; a minute is ample for it to start.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A canvas as PNG bytes (lossless, at the canvas's own resolution). */
export function canvasPngBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (b) => (b ? resolve(b) : reject(new Error('the canvas could not be encoded as PNG'))),
      'image/png',
    ),
  );
}

/**
 * A file name safe on Windows, macOS and Linux: no path separators or reserved characters, no leading dots,
 * at most 120 characters before the extension.
 */
export function safeFileName(stem: string, extension: string): string {
  const clean = stem
    .replace(/[\\/:*?"<>|]+/g, '_')
    .replace(/\p{Cc}+/gu, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 120);
  return `${clean || 'export'}.${extension}`;
}

/** A dropped file's name without folders and without its extension (`cats/test0008_cat.png` -> `test0008_cat`). */
export function fileStem(name: string): string {
  return (name.split(/[\\/]/).pop() ?? name).replace(/\.[A-Za-z0-9]{1,5}$/, '');
}
