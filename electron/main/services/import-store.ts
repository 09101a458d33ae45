/**
 * The user's own models: a file given by path is checked (existing regular file, allowed extension, size
 * limit), analysed and previewed; once confirmed it is copied into `<dir>` as `<id><ext>` with a
 * `<id>.json` record (settings, architecture, hash), so it survives the original being moved or deleted.
 * A file given as bytes (a drop in the sandboxed renderer: a name, no path) is staged as
 * `<id>.upload.tmp` until confirmed; `.tmp` files left by a quit are deleted at the next start.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, isAbsolute, join } from 'node:path';
import { z } from 'zod';
import {
  IMPORT_EXTENSIONS,
  IMPORT_MAX_BYTES,
  type ImportPreview,
  type ImportSettings,
  type ImportSettingsInput,
} from '../../ipc/contract';
import { ServiceError } from '../../ipc/dispatch';
import type { ArchSpec } from '../../resnet/arch';
import { readFileBytes, sha256Hex } from './file-hash';
import { analyseImport, type Analysis } from './import-analysis';

/** 2 GiB: past wide_resnet101_2 in float64, short of what a Buffer can hold. */
export const DEFAULT_IMPORT_LIMIT_BYTES = IMPORT_MAX_BYTES;

/** One confirmed import, as stored beside its copy. */
export type ImportRecord = {
  id: string;
  fileName: string;
  storedFile: string;
  originalPath: string;
  sha256: string;
  sizeBytes: number;
  kind: 'checkpoint' | 'onnx';
  format: ImportPreview['format'];
  archSpec: ArchSpec | null;
  numClasses: number | null;
  params: number;
  settings: ImportSettings;
  importedAt: string;
};

const recordSchema = z
  .object({
    id: z.string().regex(/^import-[a-f0-9]{12}$/),
    storedFile: z.string().regex(/^import-[a-f0-9]{12}\.[a-z]+$/),
    sha256: z.string().regex(/^[a-f0-9]{64}$/),
    kind: z.enum(['checkpoint', 'onnx']),
  })
  .loose();

type Pending = {
  path: string;
  fileName: string;
  originalPath: string | null;
  input: ImportSettingsInput | undefined;
};

export class ImportStore {
  /**
   * previews not yet confirmed, by id: where the file is (the user's path, or the staged copy of bytes),
   * its name, where it came from (null for bytes: the renderer had no path) and the settings given with it
   */
  private readonly pending = new Map<string, Pending>();

  constructor(
    readonly dir: string,
    private readonly maxBytes: number = DEFAULT_IMPORT_LIMIT_BYTES,
  ) {
    mkdirSync(dir, { recursive: true });
    for (const name of readdirSync(dir)) if (name.endsWith('.tmp')) rmSync(join(dir, name), { force: true });
  }

  /** Every confirmed import whose record and copy are both there, oldest first. */
  list(): ImportRecord[] {
    const out: ImportRecord[] = [];
    for (const name of readdirSync(this.dir)) {
      if (!/^import-[a-f0-9]{12}\.json$/.test(name)) continue;
      try {
        const raw: unknown = JSON.parse(readFileSync(join(this.dir, name), 'utf8'));
        const record = recordSchema.parse(raw) as unknown as ImportRecord;
        if (statSync(this.filePath(record)).isFile()) out.push(record);
      } catch {
        // a broken record is not a model; leave the files for the user to see
      }
    }
    return out.sort((a, b) => a.importedAt.localeCompare(b.importedAt));
  }

  get(id: string): ImportRecord | undefined {
    return this.list().find((r) => r.id === id);
  }

  filePath(record: Pick<ImportRecord, 'storedFile'>): string {
    return join(this.dir, record.storedFile);
  }

  /** Reads and analyses a file; nothing is stored until `confirm`. */
  preview(path: string, input?: ImportSettingsInput): ImportPreview {
    const { bytes, sha256 } = this.readChecked(path);
    const id = `import-${sha256.slice(0, 12)}`;
    const fileName = basename(path);
    const analysis = analyseImport(bytes, fileName, input);
    this.dropStaged(id);
    this.pending.set(id, { path, fileName, originalPath: path, input });
    return this.toPreview(id, fileName, bytes.length, sha256, analysis);
  }

  /**
   * Analyses a file the renderer read itself (a name and its bytes). A file that reads is staged in the
   * store's folder so `confirm` re-reads and re-hashes it the same way as a file given by path.
   */
  previewBytes(fileName: string, bytes: Uint8Array, input?: ImportSettingsInput): ImportPreview {
    const name = basename(fileName.replaceAll('\\', '/'));
    this.checkName(name);
    this.checkSize(name, bytes.length);
    const sha256 = sha256Hex(bytes);
    const id = `import-${sha256.slice(0, 12)}`;
    const analysis = analyseImport(bytes, name, input);
    const staged = `${id}.upload.tmp`;
    writeFileSync(join(this.dir, staged), bytes);
    this.pending.set(id, { path: join(this.dir, staged), fileName: name, originalPath: null, input });
    return this.toPreview(id, name, bytes.length, sha256, analysis);
  }

  /**
   * Adds a previewed file (or changes the settings of an imported one): re-reads it, checks it is still
   * the file previewed, re-analyses it with the final settings, and copies it into the library.
   */
  confirm(id: string, input?: ImportSettingsInput): ImportRecord {
    const existing = this.get(id);
    const pending = this.pending.get(id);
    const source = pending?.path ?? (existing ? this.filePath(existing) : undefined);
    if (!source)
      throw new ServiceError('unknown-import', `nothing to confirm for ${id}: import the file first`);
    const fileName = existing?.fileName ?? pending?.fileName ?? basename(source);
    // settings: what the import had, then what came with the preview, then what came with this call
    const previous = { ...existing?.settings, ...pending?.input };
    const { bytes, sha256 } = this.readChecked(source, fileName);
    if (`import-${sha256.slice(0, 12)}` !== id) {
      throw new ServiceError('file-changed', `${fileName} changed since it was previewed: import it again`);
    }
    const analysis = analyseImport(bytes, fileName, { ...previous, ...input });
    if (!analysis.canConfirm) throw new ServiceError('import-mismatch', analysis.problem ?? 'cannot import');
    const ext = extname(fileName).toLowerCase();
    const record: ImportRecord = {
      id,
      fileName,
      storedFile: existing?.storedFile ?? `${id}${ext}`,
      // a dropped file's path is unknown to the renderer: its name is all there is to show
      originalPath: existing?.originalPath ?? pending?.originalPath ?? fileName,
      sha256,
      sizeBytes: bytes.length,
      kind: analysis.kind,
      format: analysis.format,
      archSpec: analysis.archSpec,
      numClasses: analysis.numClasses,
      params: analysis.params,
      settings: analysis.settings,
      importedAt: existing?.importedAt ?? new Date().toISOString(),
    };
    if (!existing) this.writeAtomically(record.storedFile, bytes);
    this.writeAtomically(`${id}.json`, JSON.stringify(record, null, 1));
    this.pending.delete(id);
    this.dropStaged(id);
    return record;
  }

  /** Deletes an import's copy and record; returns the bytes freed (0 if there was none). */
  remove(id: string): number {
    const record = this.get(id);
    if (!record) return 0;
    rmSync(join(this.dir, `${id}.json`), { force: true });
    rmSync(this.filePath(record), { force: true });
    return record.sizeBytes;
  }

  private toPreview(id: string, fileName: string, size: number, sha256: string, a: Analysis): ImportPreview {
    const { archSpec: _spec, numClasses: _classes, ...shown } = a;
    return {
      id,
      fileName,
      sizeBytes: size,
      sha256,
      alreadyImported: this.get(id) !== undefined,
      ...shown,
    };
  }

  /** A staged copy of dropped bytes is no longer needed once confirmed or superseded by a path. */
  private dropStaged(id: string): void {
    rmSync(join(this.dir, `${id}.upload.tmp`), { force: true });
  }

  private checkName(fileName: string): void {
    if (!IMPORT_EXTENSIONS.some((e) => fileName.toLowerCase().endsWith(e))) {
      throw new ServiceError(
        'bad-extension',
        `${fileName}: the app opens ${IMPORT_EXTENSIONS.join(', ')} files`,
      );
    }
  }

  private checkSize(fileName: string, size: number): void {
    if (size === 0) throw new ServiceError('empty-file', `${fileName} is empty`);
    if (size > this.maxBytes) {
      throw new ServiceError(
        'file-too-large',
        `${fileName} is ${size} bytes, more than the limit of ${this.maxBytes}`,
      );
    }
  }

  /**
   * The checks the contract cannot make: a regular file, not too big, not empty. `fileName` is what the
   * extension check reads (a staged upload's own name ends in `.tmp`).
   */
  private readChecked(path: string, fileName = basename(path)): { bytes: Uint8Array; sha256: string } {
    if (!isAbsolute(path)) throw new ServiceError('bad-path', `${path} is not an absolute path`);
    this.checkName(fileName);
    let size: number;
    try {
      const st = statSync(path);
      if (!st.isFile()) throw new ServiceError('not-a-file', `${path} is not a regular file`);
      size = st.size;
    } catch (e) {
      if (e instanceof ServiceError) throw e;
      throw new ServiceError('file-not-found', `${path} does not exist or cannot be read`);
    }
    this.checkSize(fileName, size);
    const bytes = readFileBytes(path);
    return { bytes, sha256: sha256Hex(bytes) };
  }

  private writeAtomically(name: string, data: Uint8Array | string): void {
    const target = join(this.dir, name);
    writeFileSync(`${target}.tmp`, data);
    renameSync(`${target}.tmp`, target);
  }
}
