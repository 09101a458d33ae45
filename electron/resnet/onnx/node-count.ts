/**
 * Counting an ONNX graph's nodes straight from the protobuf wire format, before anything is decoded, so a
 * file with millions of nodes is refused in milliseconds instead of after a full decode that builds an
 * object per node. Only the tags and lengths of ModelProto and GraphProto fields are read; every field
 * body (initializers, nodes themselves) is skipped by its length. Every varint and length is checked
 * against the bytes that remain, and nothing is allocated from them.
 * Wire format reference: https://protobuf.dev/programming-guides/encoding/
 */
import { CoreError } from '../tensor';

const VARINT = 0;
const FIXED64 = 1;
const LEN = 2;
const START_GROUP = 3;
const END_GROUP = 4;
const FIXED32 = 5;

/** ModelProto.graph and GraphProto.node (onnx.proto3). */
const MODEL_GRAPH = 7;
const GRAPH_NODE = 1;

/** Wire types of the fields onnx.proto defines: ir_version and model_version are varints, the rest LEN. */
const MODEL_WIRES = new Map<number, number>([
  [1, VARINT],
  [5, VARINT],
  ...[2, 3, 4, 6, 7, 8, 14, 20, 25].map((f): [number, number] => [f, LEN]),
]);
/** Every GraphProto field is a string or a (repeated) message. */
const GRAPH_WIRES = new Map<number, number>([1, 2, 5, 10, 11, 12, 13, 14, 15].map((f) => [f, LEN]));

/** Unknown fields may be groups (protobufjs skips them); nesting deeper than this is refused. */
const MAX_GROUP_DEPTH = 32;

/** A bounds-checked cursor over one message's bytes, [pos, end). */
class Cursor {
  constructor(
    readonly bytes: Uint8Array,
    public pos: number,
    readonly end: number,
  ) {}

  fail(why: string): never {
    throw new CoreError(
      'onnx-invalid',
      `This file is not an ONNX model: it does not parse as an ONNX protobuf (${why} at byte ${this.pos}).`,
    );
  }

  /** A varint of at most 10 bytes, as a number (exact below 2^53, which every length must be). */
  varint(): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) this.fail('truncated varint');
      const b = this.bytes[this.pos++]!;
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 128;
    }
    return this.fail('varint longer than 10 bytes');
  }

  /** Moves past `n` bytes, refusing a length that runs past the message. */
  skip(n: number): void {
    if (n > this.end - this.pos) this.fail(`length ${n} runs past the end`);
    this.pos += n;
  }

  /** The next field's number and wire type. */
  tag(): { field: number; wire: number } {
    const tag = this.varint();
    // protobufjs reads tags as uint32; a larger one would be truncated there and mean another field.
    if (tag > 0xffffffff) this.fail(`tag ${tag} too large`);
    return { field: Math.floor(tag / 8), wire: tag % 8 };
  }

  /** Skips the body of a field of wire type `wire` (the tag has been read). */
  skipBody(wire: number, depth = 0): void {
    if (wire === VARINT) this.varint();
    else if (wire === FIXED64) this.skip(8);
    else if (wire === LEN) this.skip(this.varint());
    else if (wire === FIXED32) this.skip(4);
    else if (wire === START_GROUP) this.skipGroup(depth + 1);
    else this.fail(`invalid wire type ${wire}`);
  }

  private skipGroup(depth: number): void {
    if (depth > MAX_GROUP_DEPTH) this.fail(`groups nested deeper than ${MAX_GROUP_DEPTH}`);
    for (;;) {
      if (this.pos >= this.end) this.fail('unterminated group');
      const { wire } = this.tag();
      if (wire === END_GROUP) return;
      this.skipBody(wire, depth);
    }
  }
}

/**
 * Checks the wire type of a field whose type onnx.proto fixes. protobufjs would decode such a field by its
 * schema type whatever the wire type says, and so read different boundaries than this scan: refuse it.
 */
function expectWire(c: Cursor, message: string, wires: Map<number, number>, field: number, wire: number) {
  const expected = wires.get(field);
  if (expected !== undefined && wire !== expected) {
    c.fail(`${message} field ${field} has wire type ${wire}, not ${expected}`);
  }
}

/** Node fields in one GraphProto occurrence, [start, end). */
function countInGraph(bytes: Uint8Array, start: number, end: number): number {
  const c = new Cursor(bytes, start, end);
  let nodes = 0;
  while (c.pos < end) {
    const { field, wire } = c.tag();
    expectWire(c, 'GraphProto', GRAPH_WIRES, field, wire);
    if (field === GRAPH_NODE) nodes++;
    c.skipBody(wire);
  }
  return nodes;
}

/**
 * The number of nodes of the main graph of ONNX ModelProto bytes, read from the wire format only.
 * A graph field that occurs more than once is counted in full each time (C++ protobuf merges the
 * occurrences), so the count is never below what a decoder keeps. Subgraphs inside node attributes
 * (If/Loop bodies) are not counted: the ResNets this app emits or imports have none, and their size is
 * bounded by the file-size limit checked before any decoding.
 * @throws CoreError `onnx-invalid` when the bytes are not well-formed protobuf at these two levels
 *   (truncated varint or length, invalid wire type, a field of ModelProto or GraphProto with the wrong
 *   wire type)
 */
export function countGraphNodes(bytes: Uint8Array): number {
  const c = new Cursor(bytes, 0, bytes.length);
  let nodes = 0;
  while (c.pos < c.end) {
    const { field, wire } = c.tag();
    expectWire(c, 'ModelProto', MODEL_WIRES, field, wire);
    if (field === MODEL_GRAPH) {
      const length = c.varint();
      const start = c.pos;
      c.skip(length);
      nodes += countInGraph(bytes, start, start + length);
    } else c.skipBody(wire);
  }
  return nodes;
}
