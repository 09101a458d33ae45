import { strFromU8 } from 'fflate';
import { CoreError } from '../tensor';

/**
 * A restricted unpickler for the subset of the pickle protocol (2 to 5) that `torch.save` emits.
 * Nothing in the file is ever executed: GLOBAL/STACK_GLOBAL resolve only against an allowlist that the
 * caller supplies, and REDUCE/NEWOBJ only apply the pure constructors found there.
 * Opcode reference: https://github.com/python/cpython/blob/main/Lib/pickletools.py
 */

/** An allowlisted callable: REDUCE/NEWOBJ call `call(args)`, which must be a pure constructor. */
export class PickleCallable {
  constructor(
    readonly name: string,
    readonly call: (args: unknown[]) => unknown,
  ) {}
}

export interface UnpickleOptions {
  /** Allowlist: `module.name` -> the value GLOBAL pushes (a PickleCallable, or a marker value). */
  globals: ReadonlyMap<string, unknown>;
  /** Resolves BINPERSID ids (torch uses them for storages); without it, persistent ids are refused. */
  persistentLoad?: (pid: unknown) => unknown;
  /** Names the pickle in error messages, e.g. `archive/data.pkl`. */
  what?: string;
  maxStack?: number;
  maxMarks?: number;
}

/** The loaded object and the byte just past its STOP opcode (legacy files hold several pickles in a row). */
export interface UnpickleResult {
  value: unknown;
  end: number;
}

/** Largest LONG4 integer accepted (bytes): real checkpoints never hold integers anywhere near this. */
const MAX_LONG_BYTES = 1024;

/**
 * Longest text accepted (bytes). Checkpoints hold keys and short metadata; a longer string is refused
 * before decoding, since past about 512 MiB JavaScript cannot even build it (a RangeError, not a message).
 */
const MAX_TEXT_BYTES = 64 * 1024 * 1024;

/** The unpickling machine: a byte cursor, the stack, the mark stack and the memo. */
class Machine {
  pos: number;
  stack: unknown[] = [];
  readonly marks: unknown[][] = [];
  readonly memo = new Map<number, unknown>();
  readonly what: string;
  readonly maxStack: number;
  readonly maxMarks: number;

  constructor(
    readonly bytes: Uint8Array,
    start: number,
    readonly options: UnpickleOptions,
  ) {
    this.pos = start;
    this.what = options.what ?? 'pickle';
    this.maxStack = options.maxStack ?? 1 << 22;
    this.maxMarks = options.maxMarks ?? 1000;
  }

  fail(code: string, message: string): never {
    throw new CoreError(code, `${this.what}: ${message} (at byte ${this.pos})`);
  }

  /** Checks that `n` more bytes exist before anything reads or allocates them. */
  need(n: number): void {
    if (!Number.isSafeInteger(n) || n < 0 || this.pos + n > this.bytes.length) {
      this.fail('pickle-truncated', `truncated: needs ${n} more bytes, ${this.bytes.length - this.pos} left`);
    }
  }

  take(n: number): Uint8Array {
    this.need(n);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  view(n: number): DataView {
    const b = this.take(n);
    return new DataView(b.buffer, b.byteOffset, n);
  }

  u8(): number {
    this.need(1);
    return this.bytes[this.pos++]!;
  }

  u16(): number {
    return this.view(2).getUint16(0, true);
  }

  i32(): number {
    return this.view(4).getInt32(0, true);
  }

  u32(): number {
    return this.view(4).getUint32(0, true);
  }

  /** A u64 length; anything beyond 2^53 cannot fit in the file, so it is reported as truncation. */
  u64(): number {
    const v = this.view(8);
    const value = v.getUint32(0, true) + v.getUint32(4, true) * 2 ** 32;
    return Number.isSafeInteger(value) ? value : this.fail('pickle-truncated', `length ${value} too large`);
  }

  /** The bytes of a string of `n` bytes, refused past MAX_TEXT_BYTES. */
  text(n: number): Uint8Array {
    this.need(n); // a length past the end is a truncation first
    if (n > MAX_TEXT_BYTES) this.fail('pickle-limit', `a string of ${n} bytes (at most ${MAX_TEXT_BYTES})`);
    return this.take(n);
  }

  /** Reads a newline-terminated ASCII line (GLOBAL's module and name). */
  line(): string {
    const end = this.bytes.indexOf(0x0a, this.pos);
    if (end < 0 || end - this.pos > 256) this.fail('pickle-truncated', 'unterminated GLOBAL name');
    const text = strFromU8(this.bytes.subarray(this.pos, end), true);
    this.pos = end + 1;
    return text;
  }

  push(value: unknown): void {
    if (this.stack.length >= this.maxStack) this.fail('pickle-limit', `stack exceeds ${this.maxStack} items`);
    this.stack.push(value);
  }

  pop(): unknown {
    if (this.stack.length === 0) this.fail('pickle-invalid', 'stack underflow');
    return this.stack.pop();
  }

  top(): unknown {
    if (this.stack.length === 0) this.fail('pickle-invalid', 'stack underflow');
    return this.stack[this.stack.length - 1];
  }

  mark(): void {
    if (this.marks.length >= this.maxMarks)
      this.fail('pickle-limit', `more than ${this.maxMarks} nested marks`);
    this.marks.push(this.stack);
    this.stack = [];
  }

  /** Pops everything pushed since the last MARK. */
  popMark(): unknown[] {
    const outer = this.marks.pop();
    if (!outer) this.fail('pickle-invalid', 'no MARK on the stack');
    const items = this.stack;
    this.stack = outer;
    return items;
  }

  memoGet(index: number): unknown {
    if (!this.memo.has(index)) this.fail('pickle-invalid', `memo entry ${index} is missing`);
    return this.memo.get(index);
  }

  memoPut(index: number): void {
    this.memo.set(index, this.top());
  }

  resolveGlobal(module: string, name: string): void {
    const key = `${module}.${name}`;
    if (!this.options.globals.has(key)) this.fail('pickle-global', refusal(key));
    this.push(this.options.globals.get(key));
  }

  /** REDUCE / NEWOBJ: only allowlisted pure constructors can be applied. */
  apply(callable: unknown, args: unknown): void {
    if (!(callable instanceof PickleCallable))
      this.fail('pickle-invalid', 'REDUCE on a value that is not callable');
    if (!Array.isArray(args)) this.fail('pickle-invalid', `arguments of ${callable.name} are not a tuple`);
    this.push(callable.call(args));
  }
}

/** The refusal message: names the global, and explains the usual causes. */
function refusal(key: string): string {
  let hint = '';
  if (/^(torchvision|torch\.nn|__main__|__torch__|timm|models?)\./.test(key)) {
    hint = ' It looks like a whole pickled model object: save `model.state_dict()` instead.';
  } else if (/^torch\.(\w+Storage|_utils\.\w+)$/.test(key)) {
    hint = ' This tensor kind (quantized, sparse, complex, ...) is not supported.';
  }
  return `refuses global ${key}: a checkpoint may only hold tensors, storages and dicts, nothing executable.${hint}`;
}

type Op = (m: Machine) => void;
const OPS = new Map<number, Op>();

function define(ops: Record<string, Op>): void {
  for (const [code, op] of Object.entries(ops)) OPS.set(code.charCodeAt(0), op);
}

/** Converts a little-endian two's-complement integer (LONG1/LONG4) to a number when exact, else bigint. */
function decodeLong(bytes: Uint8Array): number | bigint {
  if (bytes.length === 0) return 0;
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]!);
  if (bytes[bytes.length - 1]! & 0x80) value -= 1n << BigInt(bytes.length * 8);
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(value)
    : value;
}

const utf8 = (b: Uint8Array) => strFromU8(b);
const latin1 = (b: Uint8Array) => strFromU8(b, true);
// Byte strings are copied so the result never aliases (and pins) the whole file.
const copy = (b: Uint8Array) => b.slice();

// Framing, constants and numbers.
define({
  '\x80': (m) => {
    const proto = m.u8();
    if (proto > 5) m.fail('pickle-invalid', `unsupported pickle protocol ${proto}`);
  },
  '\x95': (m) => void m.u64(), // FRAME: a read-ahead hint only
  N: (m) => m.push(null),
  '\x88': (m) => m.push(true),
  '\x89': (m) => m.push(false),
  J: (m) => m.push(m.i32()),
  K: (m) => m.push(m.u8()),
  M: (m) => m.push(m.u16()),
  '\x8a': (m) => m.push(decodeLong(m.take(m.u8()))),
  '\x8b': (m) => {
    const n = m.i32();
    if (n < 0 || n > MAX_LONG_BYTES) m.fail('pickle-limit', `LONG4 of ${n} bytes`);
    m.push(decodeLong(m.take(n)));
  },
  G: (m) => m.push(m.view(8).getFloat64(0, false)), // BINFLOAT is big-endian
});

// Strings and bytes: every length is checked against the remaining bytes before use.
define({
  '\x8c': (m) => m.push(utf8(m.take(m.u8()))),
  X: (m) => m.push(utf8(m.text(m.u32()))),
  '\x8d': (m) => m.push(utf8(m.text(m.u64()))),
  U: (m) => m.push(latin1(m.take(m.u8()))),
  T: (m) => m.push(latin1(m.text(m.i32()))),
  C: (m) => m.push(copy(m.take(m.u8()))),
  B: (m) => m.push(copy(m.take(m.u32()))),
  '\x8e': (m) => m.push(copy(m.take(m.u64()))),
  '\x96': (m) => m.push(copy(m.take(m.u64()))),
});

// Containers.
define({
  '(': (m) => m.mark(),
  ')': (m) => m.push([]),
  ']': (m) => m.push([]),
  '}': (m) => m.push(new Map()),
  '\x8f': (m) => m.push([]), // EMPTY_SET: sets are kept as lists (data only)
  '\x85': (m) => m.push([m.pop()]),
  '\x86': (m) => {
    const b = m.pop();
    m.push([m.pop(), b]);
  },
  '\x87': (m) => {
    const c = m.pop();
    const b = m.pop();
    m.push([m.pop(), b, c]);
  },
  t: (m) => m.push(m.popMark()),
  l: (m) => m.push(m.popMark()),
  '\x91': (m) => m.push(m.popMark()), // FROZENSET
  d: (m) => m.push(pairsToMap(m, new Map(), m.popMark())),
  a: (m) => {
    const item = m.pop();
    listOf(m, m.top()).push(item);
  },
  e: (m) => appendAll(m),
  '\x90': (m) => appendAll(m), // ADDITEMS
  s: (m) => {
    const value = m.pop();
    const key = m.pop();
    dictOf(m, m.top()).set(key, value);
  },
  u: (m) => {
    const items = m.popMark();
    pairsToMap(m, dictOf(m, m.top()), items);
  },
});

function listOf(m: Machine, value: unknown): unknown[] {
  return Array.isArray(value) ? value : m.fail('pickle-invalid', 'APPEND to a value that is not a list');
}

function dictOf(m: Machine, value: unknown): Map<unknown, unknown> {
  return value instanceof Map ? value : m.fail('pickle-invalid', 'SETITEM on a value that is not a dict');
}

function appendAll(m: Machine): void {
  const items = m.popMark();
  const list = listOf(m, m.top());
  for (const item of items) list.push(item);
}

function pairsToMap(m: Machine, map: Map<unknown, unknown>, items: unknown[]): Map<unknown, unknown> {
  if (items.length % 2 !== 0) m.fail('pickle-invalid', 'odd number of dict items');
  for (let i = 0; i < items.length; i += 2) map.set(items[i], items[i + 1]);
  return map;
}

// Stack, memo, globals and object construction.
define({
  '0': (m) => void m.pop(),
  '1': (m) => void m.popMark(),
  '2': (m) => m.push(m.top()),
  q: (m) => m.memoPut(m.u8()),
  r: (m) => m.memoPut(m.u32()),
  '\x94': (m) => m.memoPut(m.memo.size),
  h: (m) => m.push(m.memoGet(m.u8())),
  j: (m) => m.push(m.memoGet(m.u32())),
  c: (m) => {
    const module = m.line();
    m.resolveGlobal(module, m.line());
  },
  '\x93': (m) => {
    const name = m.pop();
    const module = m.pop();
    if (typeof name === 'string' && typeof module === 'string') m.resolveGlobal(module, name);
    else m.fail('pickle-invalid', 'STACK_GLOBAL needs strings');
  },
  R: (m) => {
    const args = m.pop();
    m.apply(m.pop(), args);
  },
  '\x81': (m) => {
    const args = m.pop();
    m.apply(m.pop(), args);
  },
  '\x92': (m) => {
    m.pop(); // NEWOBJ_EX kwargs: none of the allowlisted constructors takes keyword arguments
    const args = m.pop();
    m.apply(m.pop(), args);
  },
  b: (m) => {
    m.pop();
    // BUILD sets attributes; torch uses it only for OrderedDict._metadata (module versions), which the
    // core has no use for. Anything else is not data we know how to build.
    if (!(m.top() instanceof Map)) m.fail('pickle-invalid', 'BUILD on a value that is not a dict');
  },
  Q: (m) => {
    const pid = m.pop();
    const load = m.options.persistentLoad;
    m.push(load ? load(pid) : m.fail('pickle-invalid', 'persistent id without a loader'));
  },
});

/**
 * Loads one pickle starting at byte `start` of `bytes`, against the caller's allowlist of globals.
 * Throws CoreError: 'pickle-global' (a refused global, named in the message), 'pickle-truncated',
 * 'pickle-opcode' (an opcode torch.save never writes), 'pickle-limit' or 'pickle-invalid'.
 * Always terminates: every opcode consumes at least one byte and nothing loops.
 */
export function unpickle(bytes: Uint8Array, start: number, options: UnpickleOptions): UnpickleResult {
  const m = new Machine(bytes, start, options);
  for (;;) {
    if (m.pos >= bytes.length) m.fail('pickle-truncated', 'truncated: no STOP opcode');
    const code = bytes[m.pos++]!;
    if (code === 0x2e) {
      // STOP
      const value = m.pop();
      return { value, end: m.pos };
    }
    const op = OPS.get(code);
    if (!op) {
      m.pos--;
      return m.fail('pickle-opcode', `unsupported opcode 0x${code.toString(16).padStart(2, '0')}`);
    }
    op(m);
  }
}
