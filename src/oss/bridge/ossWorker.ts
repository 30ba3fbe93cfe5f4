/**
 * The worker behind SyncBridge: it runs the asynchronous OSS and STS calls
 * that DuckDB's synchronous scalar functions need, and wakes the main thread
 * when the answer is posted.
 */
import { workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { OssduckError } from '../../OssduckError.js';
import { Credentials } from '../Credentials.js';
import { OssClient } from '../OssClient.js';
import type { ObjectSummary } from '../OssClient.js';
import { ParallelLister } from '../ParallelLister.js';
import { assumeRole } from '../StsClient.js';
import { STOP_SIGNALS, watchSignals } from './watchSignals.js';
import type { BridgeAnswer, BridgeEnvelope, BridgeRequest, BridgeResponse, ListOpenCall, ObjectRead, PlainBucketTarget, ReadLimits, WorkerReadResult } from './BridgeProtocol.js';

const { port, signal } = workerData as { port: MessagePort; signal: SharedArrayBuffer };
const flag = new Int32Array(signal);

const clients = new Map<string, Promise<OssClient>>();

function clientFor(target: PlainBucketTarget): Promise<OssClient> {
  const c = target.credentials;
  const cacheKey = JSON.stringify([target.bucket, target.region, target.product, target.address, c.accessKeyId, c.securityToken ?? '']);
  let client = clients.get(cacheKey);
  if (!client) {
    client = OssClient.create({
      bucket: target.bucket,
      region: target.region,
      product: target.product,
      address: target.address,
      credentials: new Credentials({ accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret, securityToken: c.securityToken }),
    });
    if (clients.size > 64) clients.clear();
    clients.set(cacheKey, client);
  }
  return client;
}

/**
 * Reads with `limits.concurrency` requests in flight. The bodies this call
 * holds stay within `limits.heldBytes` (one body alone is always let in):
 * once a body would pass it, no new read starts and that one is deferred,
 * its connection closed before the body comes; SyncBridge asks again for the
 * deferred ones once the main thread has taken the rest.
 */
async function readObjects(target: PlainBucketTarget, reads: readonly ObjectRead[], limits: ReadLimits): Promise<WorkerReadResult[]> {
  const client = await clientFor(target);
  const results: WorkerReadResult[] = new Array<WorkerReadResult>(reads.length).fill({ status: 'deferred' });
  let next = 0;
  let held = 0;
  let full = false;
  const lane = async (): Promise<void> => {
    while (!full && next < reads.length) {
      const i = next++;
      const read = reads[i]!;
      let reserved = 0;
      const admit = (bytes: number): boolean => {
        if (held > 0 && held + bytes > limits.heldBytes) {
          full = true;
          return false;
        }
        reserved = bytes;
        held += bytes;
        return true;
      };
      const result = await client.read(read.key, read.offset, read.length, limits, admit);
      held += (result.status === 'ok' ? result.data.byteLength : 0) - reserved;
      results[i] = result;
    }
  };
  await Promise.all(Array.from({ length: Math.min(limits.concurrency, reads.length) }, lane));
  return results;
}

/** Listings the main thread takes pages of, by number; each keeps fetching between its calls. */
const listings = new Map<number, ParallelLister>();
let listingCount = 0;

async function openListing(target: PlainBucketTarget, call: ListOpenCall): Promise<number> {
  for (const id of call.close) closeListing(id);
  const client = await clientFor(target);
  const id = ++listingCount;
  const source = (prefix: string, token: string | undefined, delimiter: string | undefined) => client.listPage(prefix, token, 1000, delimiter);
  listings.set(id, new ParallelLister(source, call.prefix, { concurrency: call.concurrency }));
  return id;
}

/** The next objects of a listing in key order; null once it is done (and closed). */
async function nextOfListing(id: number): Promise<readonly ObjectSummary[] | null> {
  const listing = listings.get(id);
  if (!listing) return null;
  try {
    const objects = await listing.next();
    if (objects === undefined) closeListing(id);
    return objects ?? null;
  } catch (error) {
    closeListing(id);
    throw error;
  }
}

function closeListing(id: number): void {
  listings.get(id)?.close();
  listings.delete(id);
}

async function handle(request: BridgeRequest): Promise<unknown> {
  switch (request.op) {
    case 'readObjects':
      return readObjects(request.target, request.reads, request.limits);
    case 'listOpen':
      return openListing(request.target, request.call);
    case 'listNext':
      return nextOfListing(request.listing);
    case 'listClose':
      return closeListing(request.listing);
    case 'assumeRole':
      return assumeRole(request.call);
  }
}

/** The call the main thread waits on, if any. */
let current: number | undefined;

/** Posts the answer to call `id` and wakes the main thread; only the first answer to a call counts. */
function answer(id: number, response: BridgeAnswer, transfer: ArrayBuffer[] = []): void {
  if (current !== id) return;
  current = undefined;
  const message: BridgeResponse = { ...response, id };
  port.postMessage(message, transfer);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}

// Whatever goes wrong, the main thread, blocked on the flag, must be woken.
process.on('uncaughtException', (error) => {
  if (current !== undefined) answer(current, { ok: false, error: { kind: 'internal', detail: `OSS worker: ${error.message}` } });
});

function settled(value: unknown): BridgeAnswer {
  return { ok: true, value };
}

function failed(error: unknown): BridgeAnswer {
  if (error instanceof OssduckError) return { ok: false, error: { kind: error.errorKind, detail: error.detail } };
  return { ok: false, error: { kind: 'internal', detail: String((error as Error)?.message ?? error) } };
}

/**
 * Each call is answered when done, or at once when a stop signal (Ctrl-C,
 * SIGTERM, SIGHUP) reaches the process meanwhile: the main thread, blocked,
 * cannot see it, so the call ends as cancelled and the main thread's own
 * listeners then run. Requests still in flight finish unheeded.
 */
port.on('message', ({ id, request }: BridgeEnvelope) => {
  current = id;
  const unwatch = watchSignals(STOP_SIGNALS, (signal) => {
    unwatch?.();
    answer(id, { ok: false, error: { kind: 'cancelled', detail: `stopped by ${signal} while waiting on OSS` }, signal });
  });
  void handle(request)
    .then(settled, failed)
    .then((response) => {
      unwatch?.();
      const transfer = response.ok && Array.isArray(response.value)
        ? (response.value as WorkerReadResult[]).flatMap((r) => (r.status === 'ok' && r.data.byteLength > 0 ? [r.data.buffer as ArrayBuffer] : []))
        : [];
      answer(id, response, [...new Set(transfer)]);
    });
});
