/**
 * The build cache: ONNX files built from (weights, architecture, options, outputs), kept as
 * `<dir>/<key>.onnx` (the name the `lens:` protocol serves) beside `<dir>/<key>.json` (outputs, print
 * text and the ONNX's SHA-256). Bounded by total bytes, least recently used first out; an entry whose
 * bytes no longer hash to what its meta says is deleted and reported as a miss, so it gets rebuilt.
 */
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { BuildCacheInfo, ModelOutput } from '../../ipc/contract';
import { sha256Hex } from './file-hash';

const metaSchema = z.object({
  key: z.string(),
  modelId: z.string(),
  onnxSha256: z.string().regex(/^[a-f0-9]{64}$/),
  onnxBytes: z.number().int().nonnegative(),
  outputs: z.array(z.object({ name: z.string(), moduleType: z.string(), shape: z.array(z.number()) })),
  printText: z.string(),
});

export type CacheMeta = z.infer<typeof metaSchema>;
export type CacheEntryInput = { modelId: string; outputs: ModelOutput[]; printText: string };

/** 2 GiB: a dozen large models with every intermediate output. */
export const DEFAULT_BUILD_CACHE_BYTES = 2 * 1024 ** 3;

const KEY = /^[a-f0-9]{32}$/;

export class BuildCache {
  /** keys whose ONNX was hashed in this process, with the size and mtime it had then */
  private readonly verified = new Map<string, string>();

  constructor(
    readonly dir: string,
    private readonly maxBytes: number = DEFAULT_BUILD_CACHE_BYTES,
  ) {
    mkdirSync(dir, { recursive: true });
    this.removeLeftovers();
  }

  /** A cache key (32 hex digits) for anything JSON can write. */
  static keyOf(parts: unknown): string {
    return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
  }

  onnxPath(key: string): string {
    return join(this.dir, `${key}.onnx`);
  }

  private metaPath(key: string): string {
    return join(this.dir, `${key}.json`);
  }

  /**
   * The entry's meta, or null when absent or corrupt (then deleted). The ONNX is hashed on its first use
   * in a process and again whenever its size or mtime changed. A hit counts as a use for the LRU order.
   */
  get(key: string): CacheMeta | null {
    let meta: CacheMeta;
    let stamp: string;
    try {
      meta = metaSchema.parse(JSON.parse(readFileSync(this.metaPath(key), 'utf8')));
      const st = statSync(this.onnxPath(key));
      stamp = `${st.size}:${st.mtimeMs}`;
      if (meta.key !== key || st.size !== meta.onnxBytes) throw new Error('size differs');
    } catch {
      this.remove(key);
      return null;
    }
    if (this.verified.get(key) !== stamp) {
      if (sha256Hex(readFileSync(this.onnxPath(key))) !== meta.onnxSha256) {
        this.remove(key);
        return null;
      }
      this.verified.set(key, stamp);
    }
    const now = new Date();
    utimesSync(this.metaPath(key), now, now);
    return meta;
  }

  /** Stores an entry (ONNX first, meta last, each written then renamed), then evicts down to the bound. */
  put(key: string, onnx: Uint8Array, input: CacheEntryInput): CacheMeta {
    if (!KEY.test(key)) throw new Error(`bad build-cache key ${key}`);
    const meta: CacheMeta = { key, ...input, onnxSha256: sha256Hex(onnx), onnxBytes: onnx.length };
    writeFileSync(`${this.onnxPath(key)}.tmp`, onnx);
    renameSync(`${this.onnxPath(key)}.tmp`, this.onnxPath(key));
    writeFileSync(`${this.metaPath(key)}.tmp`, JSON.stringify(meta));
    renameSync(`${this.metaPath(key)}.tmp`, this.metaPath(key));
    const st = statSync(this.onnxPath(key));
    this.verified.set(key, `${st.size}:${st.mtimeMs}`);
    this.evict(key);
    return meta;
  }

  info(): BuildCacheInfo {
    const entries = this.entries();
    return {
      entries: entries.length,
      totalBytes: entries.reduce((n, e) => n + e.bytes, 0),
      maxBytes: this.maxBytes,
    };
  }

  /** Deletes every entry. */
  clear(): { removedEntries: number; freedBytes: number } {
    const entries = this.entries();
    for (const e of entries) this.remove(e.key);
    return { removedEntries: entries.length, freedBytes: entries.reduce((n, e) => n + e.bytes, 0) };
  }

  /** Deletes the entries built for one model (its weights were deleted). */
  removeModel(modelId: string): number {
    let removed = 0;
    for (const e of this.entries()) {
      if (e.modelId === modelId) {
        this.remove(e.key);
        removed++;
      }
    }
    return removed;
  }

  private remove(key: string): void {
    this.verified.delete(key);
    rmSync(this.onnxPath(key), { force: true });
    rmSync(this.metaPath(key), { force: true });
  }

  /** Complete entries, least recently used first (meta mtime = last use). */
  private entries(): { key: string; bytes: number; lastUsed: number; modelId: string }[] {
    const out: { key: string; bytes: number; lastUsed: number; modelId: string }[] = [];
    for (const name of readdirSync(this.dir)) {
      const m = /^([a-f0-9]{32})\.json$/.exec(name);
      if (!m) continue;
      try {
        const key = m[1]!;
        const metaStat = statSync(this.metaPath(key));
        const meta = JSON.parse(readFileSync(this.metaPath(key), 'utf8')) as Partial<CacheMeta>;
        const bytes = statSync(this.onnxPath(key)).size;
        out.push({
          key,
          bytes: bytes + metaStat.size,
          lastUsed: metaStat.mtimeMs,
          modelId: String(meta.modelId),
        });
      } catch {
        // half an entry: removeLeftovers deals with it at the next start
      }
    }
    return out.sort((a, b) => a.lastUsed - b.lastUsed);
  }

  /** Least recently used entries out until the total fits; `keep` (just built or used) always stays. */
  private evict(keep: string): void {
    const entries = this.entries();
    let total = entries.reduce((n, e) => n + e.bytes, 0);
    for (const e of entries) {
      if (total <= this.maxBytes) break;
      if (e.key === keep) continue;
      this.remove(e.key);
      total -= e.bytes;
    }
  }

  /** Temp files of an interrupted write and halves of entries: never served, so deleted at start. */
  private removeLeftovers(): void {
    const names = new Set(readdirSync(this.dir));
    for (const name of names) {
      const m = /^([a-f0-9]{32})\.(onnx|json)$/.exec(name);
      const orphan = m && !names.has(`${m[1]}.${m[2] === 'onnx' ? 'json' : 'onnx'}`);
      if (name.endsWith('.tmp') || orphan) rmSync(join(this.dir, name), { force: true });
    }
  }
}
