import { Worker } from 'node:worker_threads';
import type { WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread running the module next to `base` named `name`
 * (without extension). From built JavaScript the `.js` module runs directly;
 * from the TypeScript sources (tests, `bin/ossduck.js` on a stale build) a
 * bootstrap registers tsx first.
 */
export function startWorker(base: string, name: string, options: WorkerOptions = {}): Worker {
  if (base.endsWith('.js')) return new Worker(new URL(`./${name}.js`, base), options);
  const target = new URL(`./${name}.ts`, base).href;
  const api = import.meta.resolve('tsx/esm/api');
  const code =
    `(async () => { const { register } = await import(${JSON.stringify(api)}); register(); ` +
    `await import(${JSON.stringify(target)}); })().catch((error) => { throw error; });`;
  return new Worker(code, { ...options, eval: true });
}
