import { useEffect, useSyncExternalStore } from 'react';
import type { ImportPreview, ModelSummary } from '../../../../electron/ipc/contract';
import { call } from '../../api';
import { formFromSettings, parseForm, type ImportForm } from './import-form';
import { IMPORT_MAX_BYTES, isImportable } from './library-model';

/** The file being previewed: its bytes (kept to re-analyse it for another architecture) and the form. */
export type CurrentImport = {
  file: File;
  bytes: Uint8Array<ArrayBuffer>;
  preview: ImportPreview;
  form: ImportForm;
  busy: boolean;
  error: string | null;
};

/** What happened to a file: refused or unreadable (with why), or imported (with the new model). */
export type ImportNote =
  | { kind: 'error'; key: number; fileName: string; message: string }
  | { kind: 'refused'; key: number; fileName: string }
  | { kind: 'too-large'; key: number; fileName: string; size: number }
  | { kind: 'imported'; key: number; fileName: string; model: ModelSummary };

/** A note before it gets its key (Omit over each member of the union, not over their common part). */
type NoteInput = ImportNote extends infer N ? (N extends ImportNote ? Omit<N, 'key'> : never) : never;

export type ImportState = {
  /** files waiting behind the one being read or previewed */
  queued: number;
  /** the name of the file being read and analysed */
  reading: string | null;
  current: CurrentImport | null;
  notes: ImportNote[];
};

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Imports dropped or chosen files one at a time: read the bytes, ask main what they are, show the preview
 * for confirmation (architecture and settings editable), confirm. Later files wait their turn; a file that
 * cannot be read gets a note and the next one goes on. Module state, not component state: a preview
 * waiting for confirmation survives a visit to another view.
 */
export class ImportQueue {
  private state: ImportState = { queued: 0, reading: null, current: null, notes: [] };
  private readonly listeners = new Set<() => void>();
  private readonly files: File[] = [];
  /** a file is being read or previewed */
  private busy = false;
  private nextKey = 1;
  /** the mounted Library view's hook: re-reads the model list */
  onImported: ((model: ModelSummary) => void) | null = null;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  getState = (): ImportState => this.state;

  private set(patch: Partial<ImportState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  private setCurrent(patch: Partial<CurrentImport> | null): void {
    const c = this.state.current;
    this.set({ current: patch === null || !c ? null : { ...c, ...patch } });
  }

  private note(n: NoteInput): void {
    this.set({ notes: [...this.state.notes, { ...n, key: this.nextKey++ } as ImportNote] });
  }

  addFiles = (files: File[]): void => {
    for (const file of files) {
      if (!isImportable(file.name)) this.note({ kind: 'refused', fileName: file.name });
      else if (file.size > IMPORT_MAX_BYTES)
        this.note({ kind: 'too-large', fileName: file.name, size: file.size });
      else if (file.size === 0)
        this.note({ kind: 'error', fileName: file.name, message: `${file.name} is empty` });
      else this.files.push(file);
    }
    this.set({ queued: this.files.length });
    if (!this.busy) this.startNext();
  };

  /** Reads the next waiting file and asks main what it is; an unreadable one gets a note and is skipped. */
  private startNext(): void {
    const file = this.files.shift();
    this.busy = file !== undefined;
    this.set({ queued: this.files.length, reading: file?.name ?? null });
    if (!file) return;
    (async () => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const preview = await call('importModelBytes', file.name, bytes);
      const form = formFromSettings(preview.settings);
      this.set({ reading: null, current: { file, bytes, preview, form, busy: false, error: null } });
    })().catch((err: unknown) => {
      this.set({ reading: null });
      this.note({ kind: 'error', fileName: file.name, message: messageOf(err) });
      this.startNext();
    });
  }

  setForm = (patch: Partial<ImportForm>): void => {
    const c = this.state.current;
    if (c) this.setCurrent({ form: { ...c.form, ...patch } });
  };

  /** Compares the checkpoint with another builder: main re-analyses it key by key. */
  chooseArchitecture = async (architecture: string): Promise<void> => {
    const c = this.state.current;
    if (!c || !architecture) return;
    this.setCurrent({ busy: true, error: null });
    try {
      const preview = await call('importModelBytes', c.file.name, c.bytes, { architecture });
      // the builder decides the proposed input size; the name the user typed stays
      const form = { ...formFromSettings(preview.settings), name: c.form.name };
      this.setCurrent({ preview, form, busy: false });
    } catch (err) {
      this.setCurrent({ busy: false, error: messageOf(err) });
    }
  };

  confirm = async (): Promise<void> => {
    const c = this.state.current;
    if (!c) return;
    const parsed = parseForm(c.form);
    if (!parsed.ok) return;
    this.setCurrent({ busy: true, error: null });
    try {
      const model = await call('confirmImport', c.preview.id, parsed.settings);
      this.setCurrent(null);
      this.note({ kind: 'imported', fileName: c.file.name, model });
      this.onImported?.(model);
      this.startNext();
    } catch (err) {
      this.setCurrent({ busy: false, error: messageOf(err) });
    }
  };

  cancel = (): void => {
    this.setCurrent(null);
    this.startNext();
  };

  dismiss = (key: number): void => {
    this.set({ notes: this.state.notes.filter((n) => n.key !== key) });
  };
}

/** The app's one import queue (one window, one library). */
export const importQueue = new ImportQueue();

/** The import queue's state and actions; `onImported` runs after each confirmed import. */
export function useImport(onImported: (model: ModelSummary) => void) {
  useEffect(() => {
    importQueue.onImported = onImported;
    return () => {
      if (importQueue.onImported === onImported) importQueue.onImported = null;
    };
  }, [onImported]);
  const state = useSyncExternalStore(importQueue.subscribe, importQueue.getState);
  const q = importQueue;
  return {
    ...state,
    addFiles: q.addFiles,
    setForm: q.setForm,
    chooseArchitecture: q.chooseArchitecture,
    confirm: q.confirm,
    cancel: q.cancel,
    dismiss: q.dismiss,
  };
}

export type Importer = ReturnType<typeof useImport>;
