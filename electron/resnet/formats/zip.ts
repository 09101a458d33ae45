import { inflateSync, strFromU8 } from 'fflate';
import { CoreError } from '../tensor';

/**
 * A minimal, lazy zip reader: it parses the central directory only, and hands out stored entries as
 * zero-copy views (torch.save stores every entry uncompressed, 64-byte aligned). Deflated entries, as a
 * re-zipped archive would have, are inflated with fflate on demand. ZIP64 (archives over 4 GiB) is handled.
 * Format reference: https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT
 */

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const U32_MAX = 0xffffffff;

function fail(message: string): never {
  throw new CoreError('zip-invalid', `zip: ${message}`);
}

/** Bounds-checked little-endian reads over the whole file. */
class Reader {
  readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  check(offset: number, n: number): void {
    if (!Number.isSafeInteger(offset) || offset < 0 || offset + n > this.bytes.length) {
      fail(`truncated (needs bytes ${offset}..${offset + n}, file has ${this.bytes.length})`);
    }
  }
  u16(o: number): number {
    this.check(o, 2);
    return this.view.getUint16(o, true);
  }
  u32(o: number): number {
    this.check(o, 4);
    return this.view.getUint32(o, true);
  }
  u64(o: number): number {
    const value = this.u32(o) + this.u32(o + 4) * 2 ** 32;
    return Number.isSafeInteger(value) ? value : fail(`64-bit field ${value} too large`);
  }
}

/** Finds the end-of-central-directory record (it ends the file, followed by at most a 64 KiB comment). */
function findEocd(r: Reader): number {
  const last = r.bytes.length - 22;
  for (let o = last; o >= 0 && o >= last - 0xffff; o--) {
    if (r.bytes[o] === 0x50 && r.view.getUint32(o, true) === EOCD) return o;
  }
  return fail('no end-of-central-directory record (not a zip file, or truncated)');
}

/** Offset and size of the central directory, from the ZIP64 record when the classic fields overflow. */
function centralDirectory(r: Reader): { offset: number; size: number; count: number } {
  const eocd = findEocd(r);
  let count = r.u16(eocd + 10);
  let size = r.u32(eocd + 12);
  let offset = r.u32(eocd + 16);
  if ((count === 0xffff || size === U32_MAX || offset === U32_MAX) && eocd >= 20) {
    if (r.u32(eocd - 20) === ZIP64_LOCATOR) {
      const record = r.u64(eocd - 12);
      if (r.u32(record) !== ZIP64_EOCD) fail('bad ZIP64 end-of-central-directory record');
      count = r.u64(record + 32);
      size = r.u64(record + 40);
      offset = r.u64(record + 48);
    }
  }
  r.check(offset, size);
  return { offset, size, count };
}

/** Applies the ZIP64 extra field (id 1): it carries, in order, only the fields that overflowed. */
function applyZip64(r: Reader, extra: number, extraEnd: number, entry: ZipEntry): void {
  for (let o = extra; o + 4 <= extraEnd;) {
    const id = r.u16(o);
    const len = r.u16(o + 2);
    if (id === 1) {
      let p = o + 4;
      const next = (): number => {
        const value = r.u64(p);
        p += 8;
        return value;
      };
      if (entry.size === U32_MAX) entry.size = next();
      if (entry.compressedSize === U32_MAX) entry.compressedSize = next();
      if (entry.localOffset === U32_MAX) entry.localOffset = next();
      return;
    }
    o += 4 + len;
  }
}

/**
 * Lists a zip archive's entries by name (central directory only; no entry data is read).
 * Throws CoreError('zip-invalid') for a malformed or truncated archive.
 */
export function readZipDirectory(bytes: Uint8Array): Map<string, ZipEntry> {
  const r = new Reader(bytes);
  const cd = centralDirectory(r);
  const entries = new Map<string, ZipEntry>();
  let o = cd.offset;
  const end = cd.offset + cd.size;
  while (o + 46 <= end) {
    if (r.u32(o) !== CENTRAL) fail(`bad central directory entry at byte ${o}`);
    const nameLength = r.u16(o + 28);
    const extraLength = r.u16(o + 30);
    const commentLength = r.u16(o + 32);
    r.check(o + 46, nameLength + extraLength);
    const entry: ZipEntry = {
      name: strFromU8(bytes.subarray(o + 46, o + 46 + nameLength)),
      method: r.u16(o + 10),
      compressedSize: r.u32(o + 20),
      size: r.u32(o + 24),
      localOffset: r.u32(o + 42),
    };
    const extra = o + 46 + nameLength;
    applyZip64(r, extra, extra + extraLength, entry);
    entries.set(entry.name, entry);
    o = extra + extraLength + commentLength;
  }
  if (entries.size !== cd.count && cd.count !== 0xffff) {
    fail(`central directory lists ${entries.size} entries, expected ${cd.count}`);
  }
  return entries;
}

/**
 * The bytes of one entry: a view into `bytes` when stored, a new array when deflated.
 * Sizes are checked against the file and the directory before anything is allocated; `beforeInflate` is
 * told the inflated size of a deflated entry first, and may refuse it by throwing.
 */
export function zipEntryData(
  bytes: Uint8Array,
  entry: ZipEntry,
  beforeInflate?: (size: number, name: string) => void,
): Uint8Array {
  const r = new Reader(bytes);
  if (r.u32(entry.localOffset) !== LOCAL) fail(`bad local header for ${entry.name}`);
  // The local extra field differs from the central one: torch pads it to align the data to 64 bytes.
  const start = entry.localOffset + 30 + r.u16(entry.localOffset + 26) + r.u16(entry.localOffset + 28);
  r.check(start, entry.compressedSize);
  const raw = bytes.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) {
    if (entry.size !== entry.compressedSize) fail(`stored entry ${entry.name} has inconsistent sizes`);
    return raw;
  }
  if (entry.method !== 8) fail(`entry ${entry.name} uses unsupported compression method ${entry.method}`);
  // Deflate cannot expand more than ~1032:1, so a larger claimed size is a lie: refuse it before allocating.
  if (entry.size > entry.compressedSize * 1032 + 1024) fail(`entry ${entry.name} claims an impossible size`);
  beforeInflate?.(entry.size, entry.name);
  let out: Uint8Array;
  try {
    out = inflateSync(raw, { out: new Uint8Array(entry.size) });
  } catch (error) {
    fail(`entry ${entry.name} does not inflate: ${(error as Error).message}`);
  }
  if (out.length !== entry.size)
    fail(`entry ${entry.name} inflates to ${out.length} bytes, not ${entry.size}`);
  return out;
}
