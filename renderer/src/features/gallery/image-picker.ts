/** What the picker offers: the formats the decoder reads. */
export const IMAGE_ACCEPT =
  'image/png,image/jpeg,image/webp,image/gif,image/bmp,.png,.jpg,.jpeg,.webp,.gif,.bmp';

const mimeByExtension: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  bmp: 'image/bmp',
};

/** The MIME type a file name implies ('' when unknown; the decoder sniffs the bytes anyway). */
export function imageMimeOf(name: string): string {
  return mimeByExtension[name.split('.').pop()?.toLowerCase() ?? ''] ?? '';
}

/**
 * Opens the system's file chooser for images (several at once) and hands the chosen files over. Must run
 * inside a user gesture (a click, Ctrl/Cmd+O): Chromium opens a file chooser only then.
 */
export function openImagePicker(onFiles: (files: File[]) => void): void {
  const input = document.createElement('input');
  input.type = 'file';
  input.multiple = true;
  input.accept = IMAGE_ACCEPT;
  input.addEventListener('change', () => onFiles(Array.from(input.files ?? [])), { once: true });
  input.click();
}

/** Ctrl+O (Cmd+O on macOS), without Shift or Alt: the desktop shortcut for opening files. */
export function isOpenShortcut(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>,
) {
  return (e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'o';
}
