import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Import memory: how often an import collects its garbage, in characters of narrative text stored since the last
 * collection (about 4 MB of UTF-16 text). Storing and deriving a narrative leaves garbage several times its size
 * (parse, read-back, sentences, indicators, JSON), and V8 lets that garbage grow to a few times the live heap (which
 * holds the document's text) before it collects: without a collection on this cadence the peak grew with the file
 * (bench/importMemory.ts), with it the garbage stays bounded by this many characters' worth.
 */
export const COLLECT_EVERY_CHARS = 2_000_000;

let collector: (() => void) | null | undefined;

/**
 * A full garbage collection on demand, or undefined when this process cannot have one. Node exposes `gc` only under
 * --expose-gc: without it the function is taken from a fresh context created while the flag is set, and the flag is
 * cleared again (the way test runners' leak detectors do it). The CLI's import asks for it, and so does each PDF
 * worker thread (toText/pdfWorker.ts) for its own heap; a library caller passes its own (IngestOptions.collectGarbage)
 * or none for the main thread.
 */
export function garbageCollector(): (() => void) | undefined {
  if (collector !== undefined) return collector ?? undefined;
  const exposed = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === 'function') {
    collector = () => (exposed as () => void)();
    return collector;
  }
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    collector = typeof gc === 'function' ? () => (gc as () => void)() : null;
  } catch {
    collector = null;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
  return collector ?? undefined;
}

/**
 * Calls `collect` once `COLLECT_EVERY_CHARS` characters of narrative text have been counted since it last did
 * (`count` adds them); without `collect` it does nothing.
 */
export function collectionCadence(collect: (() => void) | undefined, every = COLLECT_EVERY_CHARS): { count(chars: number): void; now(): void } {
  let since = 0;
  return {
    /** A collection now (something large just became garbage), and the count starts again. */
    now() {
      if (!collect) return;
      since = 0;
      collect();
    },
    count(chars) {
      if (!collect) return;
      since += chars;
      if (since < every) return;
      since = 0;
      collect();
    },
  };
}
