import { Worker } from 'node:worker_threads';
import type { WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread running the module at `path` (relative to the source
 * root, without extension, e.g. `udf/signingWorker`). The layout is the same
 * in `src/`, in `dist/` and in the bundle (`dist/bundle/`, whose entry points
 * keep their folders), and this file sits at the root of each, so the path
 * resolves from here. From built JavaScript the `.js` module runs directly;
 * from the TypeScript sources (tests, `bin/ossduck.js` on a stale build) a
 * bootstrap registers tsx first. A worker is named, not imported: the
 * embedded local OSS runs the emulator without the library importing it.
 */
export function startWorker(path: string, options: WorkerOptions = {}): Worker {
  const base = import.meta.url;
  if (base.endsWith('.js')) return new Worker(new URL(`./${path}.js`, base), options);
  const target = new URL(`./${path}.ts`, base).href;
  const api = import.meta.resolve('tsx/esm/api');
  const code =
    `(async () => { const { register } = await import(${JSON.stringify(api)}); register(); ` +
    `await import(${JSON.stringify(target)}); })().catch((error) => { throw error; });`;
  return new Worker(code, { ...options, eval: true });
}
