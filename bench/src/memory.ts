/** Heap and RSS of this process, in bytes, after full garbage collections. */
export interface MemorySample {
  heapUsed: number;
  rss: number;
}

declare const gc: undefined | (() => void);

/** Forces GC (needs `node --expose-gc`) and samples memory; throws without `--expose-gc`. */
export async function sampleMemory(): Promise<MemorySample> {
  if (typeof gc !== 'function') throw new Error('run node with --expose-gc');
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise(r => setTimeout(r, 50));
  }
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, rss: m.rss };
}

/** Bytes as MiB to one decimal, as the heap scripts report them. */
export const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
