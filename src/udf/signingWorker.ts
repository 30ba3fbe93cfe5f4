/**
 * The worker behind SigningPool: signs its share of a chunk's URLs with the
 * same Presigner the main thread uses, so the bytes are the same.
 */
import { workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { Credentials } from '../oss/Credentials.js';
import { Presigner } from '../oss/signing/Presigner.js';
import type { PlainPresignSpec, SignRequest, SignResponse } from './SigningPool.js';

const { port, signal } = workerData as { port: MessagePort; signal: SharedArrayBuffer };
const flag = new Int32Array(signal);
const presigners = new Map<number, Presigner>();

function presignerOf(spec: PlainPresignSpec): Presigner {
  const { credentials, ...rest } = spec;
  return new Presigner({ ...rest, credentials: new Credentials(credentials) });
}

function answer(response: SignResponse): void {
  port.postMessage(response);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}

process.on('uncaughtException', (error) => answer({ urls: undefined, error: error.message }));

port.on('message', (request: SignRequest) => {
  try {
    for (const [id, spec] of request.specs) presigners.set(id, presignerOf(spec));
    for (const id of request.forget) presigners.delete(id);
    const urls = new Array<string>(request.keys.length);
    for (let i = 0; i < urls.length; i++) urls[i] = presigners.get(request.ids[i]!)!.url(request.keys[i]!);
    answer({ urls, error: undefined });
  } catch (error) {
    answer({ urls: undefined, error: String((error as Error)?.message ?? error) });
  }
});
