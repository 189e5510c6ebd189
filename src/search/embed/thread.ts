// Runs CPU-heavy index work (model training, loading and checking large files, ANN builds) in a worker thread,
// so the server's event loop keeps answering requests meanwhile.
import { Worker } from 'node:worker_threads';

/** Thrown when the worker thread was stopped before it answered (shutdown). */
export class WorkerStopped extends Error {}

/**
 * Runs the worker module `url` (a compiled .js file, or a .ts file under tsx in tests and benchmarks) with
 * `data` (its `workerData`; `transfer` moves buffers instead of copying them) and resolves with the first
 * message it posts. A message `{ error }` rejects with that message. `signal` terminates the thread.
 */
export function runWorker<T>(
  url: URL,
  data: unknown,
  transfer: ArrayBuffer[] = [],
  signal?: AbortSignal,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) return reject(new WorkerStopped('stopped before it started'));
    let worker: Worker;
    const file = url.href;
    if (import.meta.url.endsWith('.ts')) {
      // Running from the TypeScript sources (vitest, tsx): the thread must load tsx's hooks itself first.
      const ts = file.replace(/\.js$/, '.ts');
      const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(ts)}); })`;
      worker = new Worker(boot, { eval: true, workerData: data, transferList: transfer });
    } else {
      worker = new Worker(url, { workerData: data, transferList: transfer });
    }
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => {
      settle(() => reject(new WorkerStopped('the index worker thread was stopped')));
      void worker.terminate();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (m: unknown) => {
      const err = (m as { error?: unknown } | null)?.error;
      settle(() => (typeof err === 'string' ? reject(new Error(err)) : resolve(m as T)));
      void worker.terminate();
    });
    worker.once('error', (e) => settle(() => reject(e)));
    worker.once('exit', (code) =>
      settle(() => reject(new Error(`the index worker thread exited (code ${code}) without an answer`))),
    );
  });
}

/** The buffers of these arrays, for a transfer list (each only once). */
export function buffersOf(...arrays: ArrayBufferView[]): ArrayBuffer[] {
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}

/** Encodes strings joined by newlines (ids and vocabulary never contain one) as UTF-8 bytes. */
export const encodeLines = (lines: string[]) => new TextEncoder().encode(lines.join('\n'));
/** The inverse of encodeLines. */
export const decodeLines = (bytes: Uint8Array) => {
  const s = new TextDecoder().decode(bytes);
  return s === '' ? [] : s.split('\n');
};
