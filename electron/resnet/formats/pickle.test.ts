import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CoreError } from '../tensor';
import { PickleCallable, unpickle, type UnpickleOptions } from './pickle';
import { TORCH_GLOBALS } from './torch-pickle';

/** Hand-assembles pickle bytes: numbers are raw bytes, strings are latin1 text. */
function pk(...parts: (number | string | number[] | Uint8Array)[]): Uint8Array {
  const out: number[] = [];
  for (const p of parts) {
    if (typeof p === 'number') out.push(p);
    else if (typeof p === 'string') for (const ch of p) out.push(ch.charCodeAt(0));
    else out.push(...p);
  }
  return new Uint8Array(out);
}
const u32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
const shortStr = (s: string) => pk(0x8c, s.length, s);
const PROTO2 = [0x80, 2];
const PROTO4 = [0x80, 4];

const opts: UnpickleOptions = { globals: TORCH_GLOBALS };
const load = (bytes: Uint8Array, o: Partial<UnpickleOptions> = {}) =>
  unpickle(bytes, 0, { ...opts, ...o }).value;

function coreError(fn: () => unknown): CoreError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CoreError);
    return error as CoreError;
  }
  throw new Error('expected a CoreError');
}

describe('unpickle: values', () => {
  const cases: [string, Uint8Array, unknown][] = [
    ['None', pk(PROTO2, 'N.'), null],
    ['True/False tuple', pk(PROTO2, 0x88, 0x89, 0x86, '.'), [true, false]],
    ['BININT1/2/4', pk(PROTO2, 'K', 7, 'M', 0x34, 0x12, 'J', u32(-5), 0x87, '.'), [7, 0x1234, -5]],
    ['LONG1 negative', pk(PROTO2, 0x8a, 2, 0x00, 0xff, '.'), -256],
    ['LONG1 beyond 2^53 is a bigint', pk(PROTO2, 0x8a, 8, [0, 0, 0, 0, 0, 0, 0, 0x40], '.'), 2n ** 62n],
    ['LONG1 empty is zero', pk(PROTO2, 0x8a, 0, '.'), 0],
    [
      'BINFLOAT (big-endian)',
      pk(PROTO2, 'G', [0x40, 0x56, 0xf1, 0xeb, 0x8c, 0xcc, 0xcc, 0xcd], '.'),
      91.78000183105469,
    ],
    ['BINUNICODE utf-8', pk(PROTO2, 'X', u32(3), [0xc3, 0xa9, 0x41], '.'), 'éA'],
    ['BINUNICODE8', pk(PROTO4, 0x8d, u32(2), u32(0), 'hi', '.'), 'hi'],
    ['SHORT_BINSTRING latin1', pk(PROTO2, 'U', 2, [0xe9, 0x41], '.'), 'éA'],
    ['BINSTRING', pk(PROTO2, 'T', u32(1), 'z', '.'), 'z'],
    ['SHORT_BINBYTES', pk(PROTO4, 'C', 2, [1, 2], '.'), new Uint8Array([1, 2])],
    ['BINBYTES', pk(PROTO4, 'B', u32(1), [9], '.'), new Uint8Array([9])],
    ['list with APPEND(S)', pk(PROTO2, ']', 'K', 1, 'a(K', 2, 'K', 3, 'e.'), [1, 2, 3]],
    ['TUPLE from MARK', pk(PROTO2, '(K', 1, 'K', 2, 'K', 3, 'K', 4, 't.'), [1, 2, 3, 4]],
    ['LIST from MARK', pk(PROTO2, '(K', 1, 'l.'), [1]],
    ['empty tuple', pk(PROTO2, ').'), []],
    ['memo: BINPUT / BINGET', pk(PROTO2, shortStr('x'), 'q', 0, '0h', 0, '.'), 'x'],
    ['memo: LONG_BINPUT / LONG_BINGET', pk(PROTO2, 'K', 5, 'r', u32(300), 'j', u32(300), 0x86, '.'), [5, 5]],
    ['memo: MEMOIZE', pk(PROTO4, 0x95, u32(3), u32(0), 'K', 8, 0x94, '0h', 0, '.'), 8],
    ['DUP and POP_MARK', pk(PROTO2, 'K', 1, '2(K', 9, '1', 0x86, '.'), [1, 1]],
    [
      '_codecs.encode bytes',
      pk(PROTO2, 'c_codecs\nencode\n', 0x8c, 3, [1, 0xc3, 0xbf], shortStr('latin1'), 0x86, 'R.'),
      new Uint8Array([1, 255]),
    ],
  ];
  it.each(cases)('%s', (_name, bytes, expected) => {
    expect(load(bytes)).toEqual(expected);
  });

  it('builds dicts with SETITEM, SETITEMS and DICT, keeping insertion order', () => {
    const bytes = pk(
      PROTO2,
      '}',
      shortStr('b'),
      'K',
      1,
      's(',
      shortStr('a'),
      'K',
      2,
      shortStr('c'),
      'K',
      3,
      'u.',
    );
    expect([...(load(bytes) as Map<string, number>)]).toEqual([
      ['b', 1],
      ['a', 2],
      ['c', 3],
    ]);
    expect(load(pk(PROTO2, '(', shortStr('k'), 'Nd.'))).toEqual(new Map([['k', null]]));
  });

  it('reads OrderedDict via REDUCE, BUILD (ignored _metadata) and SETITEMS', () => {
    const bytes = pk(PROTO2, 'ccollections\nOrderedDict\n)R}b(', shortStr('w'), 'K', 4, 'u.');
    expect(load(bytes)).toEqual(new Map([['w', 4]]));
  });

  it('reads OrderedDict via STACK_GLOBAL and NEWOBJ', () => {
    const bytes = pk(PROTO4, shortStr('collections'), shortStr('OrderedDict'), 0x93, ')', 0x81, '.');
    expect(load(bytes)).toEqual(new Map());
  });

  it('returns the end offset so pickles can follow one another', () => {
    const bytes = pk(PROTO2, 'K', 1, '.', PROTO2, 'K', 2, '.');
    const first = unpickle(bytes, 0, opts);
    expect(first).toEqual({ value: 1, end: 5 });
    expect(unpickle(bytes, first.end, opts).value).toBe(2);
  });

  it('passes persistent ids to the loader', () => {
    const bytes = pk(PROTO2, '(', shortStr('storage'), 'K', 3, 'tQ.');
    expect(load(bytes, { persistentLoad: (pid) => ({ pid }) })).toEqual({ pid: ['storage', 3] });
    expect(coreError(() => load(bytes)).code).toBe('pickle-invalid');
  });
});

describe('unpickle: refusals', () => {
  const globalCases: [string, Uint8Array, string][] = [
    ['GLOBAL os.system', pk(PROTO2, 'cos\nsystem\n', shortStr('echo pwned'), 0x85, 'R.'), 'os.system'],
    ['GLOBAL builtins.eval', pk(PROTO2, 'cbuiltins\neval\n', shortStr('1+1'), 0x85, 'R.'), 'builtins.eval'],
    ['GLOBAL posix.system', pk(PROTO2, 'cposix\nsystem\n', shortStr('id'), 0x85, 'R.'), 'posix.system'],
    [
      'STACK_GLOBAL subprocess.Popen',
      pk(PROTO4, shortStr('subprocess'), shortStr('Popen'), 0x93, shortStr('ls'), 0x85, 'R.'),
      'subprocess.Popen',
    ],
    ['GLOBAL builtins.getattr', pk(PROTO2, 'cbuiltins\ngetattr\n.'), 'builtins.getattr'],
    [
      'a pickled model object',
      pk(PROTO2, 'ctorchvision.models.resnet\nResNet\n)\x81.'),
      'torchvision.models.resnet.ResNet',
    ],
  ];
  it.each(globalCases)('%s is refused and named', (_name, bytes, global) => {
    const error = coreError(() => load(bytes));
    expect(error.code).toBe('pickle-global');
    expect(error.message).toContain(`refuses global ${global}`);
  });

  it('suggests saving a state_dict when the global is a model class', () => {
    const error = coreError(() => load(pk(PROTO2, 'c__main__\nNet\n.')));
    expect(error.message).toContain('state_dict()');
  });

  it('explains an unsupported tensor kind', () => {
    const error = coreError(() => load(pk(PROTO2, 'ctorch\nQInt8Storage\n.')));
    expect(error.message).toContain('not supported');
    expect(error.message).not.toContain('state_dict()');
  });

  it('never calls anything that is not an allowlisted constructor', () => {
    let called = false;
    const globals = new Map<string, unknown>([['m.f', new PickleCallable('m.f', () => (called = true))]]);
    expect(coreError(() => load(pk(PROTO2, 'K', 1, ')R.'), { globals })).code).toBe('pickle-invalid');
    expect(coreError(() => load(pk(PROTO2, 'cm\nf\nK', 1, 'R.'), { globals })).code).toBe('pickle-invalid');
    expect(called).toBe(false);
  });

  const malformed: [string, Uint8Array, string][] = [
    ['unknown opcode', pk(PROTO2, 0xff, '.'), 'pickle-opcode'],
    ['protocol 0 text opcode', pk('I1\n.'), 'pickle-opcode'],
    ['future protocol', pk(0x80, 6, 'N.'), 'pickle-invalid'],
    ['stack underflow', pk(PROTO2, 0x85, '.'), 'pickle-invalid'],
    ['STOP on empty stack', pk(PROTO2, '.'), 'pickle-invalid'],
    ['no MARK', pk(PROTO2, 't.'), 'pickle-invalid'],
    ['missing memo entry', pk(PROTO2, 'h', 3, '.'), 'pickle-invalid'],
    ['APPEND to a dict', pk(PROTO2, '}K', 1, 'a.'), 'pickle-invalid'],
    ['SETITEM on a list', pk(PROTO2, ']K', 1, 'K', 1, 's.'), 'pickle-invalid'],
    ['odd SETITEMS', pk(PROTO2, '}(K', 1, 'u.'), 'pickle-invalid'],
    ['BUILD on a non-dict', pk(PROTO2, ']Nb.'), 'pickle-invalid'],
    ['STACK_GLOBAL with numbers', pk(PROTO4, 'K', 1, 'K', 2, 0x93, '.'), 'pickle-invalid'],
    ['lying BINUNICODE length', pk(PROTO2, 'X', u32(0x7fffffff), 'ab.'), 'pickle-truncated'],
    ['lying BINBYTES8 length', pk(PROTO4, 0x8e, u32(0), u32(0x7fffffff), '.'), 'pickle-truncated'],
    ['negative BINSTRING length', pk(PROTO2, 'T', u32(-1), '.'), 'pickle-truncated'],
    ['huge LONG4', pk(PROTO2, 0x8b, u32(1 << 30), '.'), 'pickle-limit'],
    ['unterminated GLOBAL', pk(PROTO2, 'cos'), 'pickle-truncated'],
    ['no STOP', pk(PROTO2, 'N'), 'pickle-truncated'],
    ['empty input', pk(), 'pickle-truncated'],
  ];
  it.each(malformed)('%s', (_name, bytes, code) => {
    expect(coreError(() => load(bytes)).code).toBe(code);
  });

  it('bounds the stack and the MARK nesting', () => {
    expect(coreError(() => load(pk(PROTO2, 'NNNN.'), { maxStack: 3 })).code).toBe('pickle-limit');
    expect(coreError(() => load(pk(PROTO2, new Array(2000).fill(0x28), '.'))).code).toBe('pickle-limit');
  });

  it('fails every truncation of a valid pickle with a CoreError', () => {
    const bytes = pk(
      PROTO2,
      'ccollections\nOrderedDict\n)R(',
      shortStr('a'),
      'G',
      [0x40, 0, 0, 0, 0, 0, 0, 0],
      'u.',
    );
    for (let n = 0; n < bytes.length; n++) coreError(() => load(bytes.subarray(0, n)));
  });

  it('throws only CoreErrors on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (tail) => {
        try {
          load(pk(PROTO2, [...tail]));
        } catch (error) {
          return error instanceof CoreError;
        }
        return true;
      }),
      { numRuns: 3000 },
    );
  });
});
