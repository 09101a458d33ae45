import type { MenuCommand } from '../../../../electron/ipc/contract';
import { SHOW_VIEW_EVENT } from '../evaluate/eval-images';
import type { GalleryQueue } from './gallery-queue';
import { imageMimeOf, isOpenShortcut, openImagePicker } from './image-picker';

/** A menu command's opened files as `File`s (named as on disk, so a true class in the name is read). */
export function filesOfCommand(command: Extract<MenuCommand, { kind: 'open-images' }>): File[] {
  return command.files.map(
    (f) => new File([f.bytes as Uint8Array<ArrayBuffer>], f.name, { type: imageMimeOf(f.name) }),
  );
}

/** What a menu command does in the page: images go to the gallery queue, views are shown by the shell. */
export function runMenuCommand(queue: GalleryQueue, command: MenuCommand): void {
  if (command.kind === 'open-images')
    void queue.addFiles(filesOfCommand(command), command.rejected, command.continues);
  else if (command.kind === 'show-view')
    window.dispatchEvent(new CustomEvent(SHOW_VIEW_EVENT, { detail: command.view }));
}

/**
 * Every way images reach the gallery besides a drop: paste, Ctrl/Cmd+O (the page's own file chooser, as
 * the key press is a gesture in the page) and the application menu's commands (File > Open Images…,
 * View > ...), which arrive from main through `window.lens.onMenuCommand`. Returns the uninstaller.
 */
export function installGalleryInputs(queue: GalleryQueue): () => void {
  const onPaste = (event: ClipboardEvent) => {
    const files = Array.from(event.clipboardData?.files ?? []);
    if (files.length > 0) void queue.addFiles(files);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (!isOpenShortcut(event) || event.repeat) return;
    event.preventDefault();
    openImagePicker((files) => void queue.addFiles(files));
  };
  window.addEventListener('paste', onPaste);
  window.addEventListener('keydown', onKeyDown);
  // Hosts without menu events (a benchmark page's stub) simply have no menu.
  const lens = window.lens as Partial<typeof window.lens> | undefined;
  const offMenu = lens?.onMenuCommand?.((command) => runMenuCommand(queue, command));
  return () => {
    window.removeEventListener('paste', onPaste);
    window.removeEventListener('keydown', onKeyDown);
    offMenu?.();
  };
}
