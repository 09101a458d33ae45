import { app, BrowserWindow, dialog, Menu, type MenuItemConstructorOptions } from 'electron';
import { eventChannels } from '../ipc/channels';
import type { MenuCommand, ViewId } from '../ipc/contract';
import { imageDialogFilters, readOpenedImages } from './open-images';

type Labels = { file: string; open: string; view: string; views: Record<ViewId, string> };

// Main cannot see the language chosen in the app: the menu follows the system's, as the app's default does.
const labels: Record<'en' | 'ko', Labels> = {
  en: {
    file: 'File',
    open: 'Open Images…',
    view: 'View',
    views: {
      inspect: 'Inspect',
      why: 'Why This Class',
      architecture: 'Architecture',
      compare: 'Compare',
      evaluate: 'Evaluate',
      library: 'Library',
    },
  },
  ko: {
    file: '파일',
    open: '이미지 열기…',
    view: '보기',
    views: {
      inspect: '살펴보기',
      why: '판단 근거',
      architecture: '구조',
      compare: '비교',
      evaluate: '평가',
      library: '모델 라이브러리',
    },
  },
};

function send(win: BrowserWindow, command: MenuCommand): void {
  if (!win.isDestroyed()) win.webContents.send(eventChannels.onMenuCommand, command);
}

/**
 * File > Open Images…: the native dialog, then the chosen files' bytes to the renderer in batches. The
 * renderer's own file chooser cannot serve the menu: Chromium opens it only on a gesture in the page.
 */
async function openImages(win: BrowserWindow, title: string): Promise<void> {
  const result = await dialog.showOpenDialog(win, {
    title,
    properties: ['openFile', 'multiSelections'],
    filters: imageDialogFilters,
  });
  if (result.canceled) return;
  for await (const command of readOpenedImages(result.filePaths)) send(win, command);
}

/** The application menu: File > Open Images… (Ctrl/Cmd+O), View > one item per tab (Ctrl/Cmd+1..6). */
export function installMenu(): void {
  const t = labels[app.getLocale().toLowerCase().startsWith('ko') ? 'ko' : 'en'];
  const target = (win: BrowserWindow | undefined) => win ?? BrowserWindow.getFocusedWindow();
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: t.file,
      submenu: [
        {
          label: t.open,
          accelerator: 'CmdOrCtrl+O',
          // The page handles Ctrl+O itself (its file chooser, a real gesture there); registering the
          // accelerator too would open two dialogs on Windows and Linux. It is still shown in the menu.
          // macOS ignores this flag, but there the page sees Cmd+O first and its preventDefault keeps
          // the menu's key equivalent from firing (Electron runs menu equivalents for unhandled keys only).
          registerAccelerator: false,
          click: (_item, win) => {
            const w = target(win as BrowserWindow | undefined);
            if (w) void openImages(w, t.open);
          },
        },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: t.view,
      submenu: [
        ...(Object.keys(t.views) as ViewId[]).map((view, i): MenuItemConstructorOptions => ({
          label: t.views[view],
          accelerator: `CmdOrCtrl+${i + 1}`,
          click: (_item, win) => {
            const w = target(win as BrowserWindow | undefined);
            if (w) send(w, { kind: 'show-view', view });
          },
        })),
        { type: 'separator' },
        { role: 'reload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
