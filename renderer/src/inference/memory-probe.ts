/**
 * Test mode only: remembers the WebAssembly memories created in this worker, so a benchmark can read
 * the size of onnxruntime's heap (a WASM heap never shrinks, so its growth over many runs shows leaks).
 * onnxruntime does not expose its module; its threaded build creates the heap with `new
 * WebAssembly.Memory(...)`, which is what this wraps. Must be installed before the first session.
 */
const memories: WebAssembly.Memory[] = [];

/** Wraps `WebAssembly.Memory` so every memory created afterwards is remembered. */
export function installMemoryProbe(): void {
  const Original = WebAssembly.Memory;
  const Probe = function (descriptor: WebAssembly.MemoryDescriptor) {
    const memory = new Original(descriptor);
    memories.push(memory);
    return memory;
  } as unknown as typeof WebAssembly.Memory;
  Probe.prototype = Original.prototype; // `instanceof WebAssembly.Memory` keeps working
  WebAssembly.Memory = Probe;
}

/** Bytes of the largest WebAssembly memory created since the probe was installed (onnxruntime's heap). */
export function wasmHeapBytes(): number | null {
  if (memories.length === 0) return null;
  return Math.max(...memories.map((m) => m.buffer.byteLength));
}
