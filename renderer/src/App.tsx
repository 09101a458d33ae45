import { useEffect, useState } from 'react';
import { DisplaySettings, Toolbar } from './app/Toolbar';
import { shellMessages } from './app/messages';
import { SessionProvider, useSession } from './app/session';
import { ArchitectureView } from './features/architecture/ArchitectureView';
import { CompareView } from './features/compare/CompareView';
import { EvaluateView } from './features/evaluate/EvaluateView';
import { GalleryProgress } from './features/gallery/GalleryProgress';
import { filesOfDrop } from './features/gallery/useGallery';
import { InspectView } from './features/inspect/InspectView';
import { isImportable } from './features/library/library-model';
import { importQueue } from './features/library/useImport';
import { LibraryView } from './features/library/LibraryView';
import { WhyView } from './features/why/WhyView';
import { onShowChannel } from './features/why/show-channel';
import { LocaleContext, useT } from './i18n/i18n';

const views = [
  { id: 'inspect', label: 'viewInspect', View: InspectView },
  { id: 'why', label: 'viewWhy', View: WhyView },
  { id: 'architecture', label: 'viewArchitecture', View: ArchitectureView },
  { id: 'compare', label: 'viewCompare', View: CompareView },
  { id: 'evaluate', label: 'viewEvaluate', View: EvaluateView },
  { id: 'library', label: 'viewLibrary', View: LibraryView },
] as const;

function Shell() {
  const t = useT(shellMessages);
  const { settings, gallery } = useSession();
  const [viewId, setViewId] = useState<(typeof views)[number]['id']>('inspect');
  const [dragging, setDragging] = useState(false);
  // Other views ask for a view change with window events (e.g. a CAM channel opens in Inspect).
  useEffect(() => onShowChannel(() => setViewId('inspect')), []);
  useEffect(() => {
    const onShowView = (e: Event) => {
      const id = (e as CustomEvent<unknown>).detail;
      const view = views.find((v) => v.id === id);
      if (view) setViewId(view.id);
    };
    window.addEventListener('lens:show-view', onShowView);
    return () => window.removeEventListener('lens:show-view', onShowView);
  }, []);
  useEffect(() => {
    document.documentElement.dataset['theme'] = settings.theme;
    document.documentElement.lang = settings.locale;
  }, [settings.theme, settings.locale]);
  const { View } = views.find((v) => v.id === viewId)!;
  return (
    <div
      className={dragging ? 'app dragging' : 'app'}
      data-testid="drop-target"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        void filesOfDrop(e.dataTransfer.items, e.dataTransfer.files).then((files) => {
          // Checkpoints and ONNX files dropped anywhere go to the library's import; images to the gallery.
          const models = files.filter((f) => isImportable(f.name));
          if (models.length > 0) {
            importQueue.addFiles(models);
            setViewId('library');
          }
          const images = files.filter((f) => !isImportable(f.name));
          if (images.length > 0) void gallery.addFiles(images);
        });
      }}
    >
      <Toolbar />
      <div className="tab-row">
        <nav className="tabs" role="tablist">
          {views.map((v) => (
            <button
              key={v.id}
              role="tab"
              data-view={v.id}
              aria-selected={v.id === viewId}
              onClick={() => setViewId(v.id)}
            >
              {t(v.label)}
            </button>
          ))}
        </nav>
        <DisplaySettings />
      </div>
      <View />
      <GalleryProgress />
    </div>
  );
}

export function App() {
  return (
    <SessionProvider>
      <LocaleBridge />
    </SessionProvider>
  );
}

function LocaleBridge() {
  const { settings } = useSession();
  return (
    <LocaleContext.Provider value={settings.locale}>
      <Shell />
    </LocaleContext.Provider>
  );
}
