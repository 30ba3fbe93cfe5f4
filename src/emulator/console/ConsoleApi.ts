import type { IncomingMessage } from 'node:http';
import { Presigner } from '../../oss/signing/Presigner.js';
import type { ObjectInfo, ObjectStore } from '../ObjectStore.js';
import { isValidBucketName } from '../ObjectStore.js';
import { requestRecordJson } from '../RequestRecord.js';
import type { RequestRecordJson } from '../RequestRecord.js';
import { describeRequest, tokensOf } from './describeRequest.js';
import type { ConsoleAccount } from './diagnoseRequest.js';
import { diagnoseRequest, shownAnswer } from './diagnoseRequest.js';
import type { KeptRequest, RequestHistory } from './RequestHistory.js';

/** How long a download URL the console mints lives. */
export const DOWNLOAD_URL_SECONDS = 60;
/** Objects and folders per listing page. */
const PAGE_SIZE = 200;
/** Largest request body the console reads (a download request is a few hundred bytes). */
const MAX_BODY = 16 * 1024;

/** A JSON answer: status and value. */
export interface ApiAnswer {
  readonly status: number;
  readonly body: unknown;
}

export interface ApiContext {
  readonly store: ObjectStore;
  readonly history: RequestHistory;
  readonly account: ConsoleAccount;
  readonly clock: () => number;
  /** Where the OSS side listens (scheme and host), for download URLs. */
  readonly ossAddress: () => { readonly scheme: 'http' | 'https'; readonly host: string };
  readonly info: () => object;
}

const fail = (status: number, error: string): ApiAnswer => ({ status, body: { error } });
const ok = (body: unknown): ApiAnswer => ({ status: 200, body });

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function objectJson(info: ObjectInfo): object {
  return {
    key: info.key,
    size: info.size,
    etag: info.etag,
    lastModified: iso(info.lastModifiedMs),
    contentType: info.contentType,
    storageClass: info.storageClass,
    versionId: info.versionId ?? null,
  };
}

/** The request list's entry for a kept request: its record and sequence number. */
export function keptJson(kept: KeptRequest): RequestRecordJson & { readonly seq: number } {
  return { seq: kept.seq, ...requestRecordJson(kept.record) };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The console's JSON API: read-only views of buckets, objects, versions and
 * kept requests (with the diagnosis of refused ones), and one action, minting
 * a short-lived download URL. Every answer is built from records, listings
 * and diagnoses that hold nothing secret; the download URL is the one whole
 * signature it hands out, made for the person at the console and never kept.
 */
export class ConsoleApi {
  readonly #c: ApiContext;

  constructor(context: ApiContext) {
    this.#c = context;
  }

  async answer(route: string, req: IncomingMessage, params: URLSearchParams): Promise<ApiAnswer> {
    const method = req.method ?? 'GET';
    if (route === 'presign') return method === 'POST' ? this.#presign(req) : fail(405, 'use POST');
    if (method !== 'GET' && method !== 'HEAD') return fail(405, 'the console is read-only: use GET');
    if (route === 'info') return ok(this.#c.info());
    if (route === 'buckets') return this.#buckets();
    if (route === 'objects') return this.#objects(params);
    if (route === 'object') return this.#object(params);
    if (route === 'requests') return ok(this.#c.history.after(Number(params.get('after') ?? 0) || 0).map(keptJson));
    const seq = /^requests\/(\d{1,15})$/.exec(route)?.[1];
    if (seq !== undefined) return this.#request(Number(seq));
    return fail(404, `no such API: ${route}`);
  }

  async #buckets(): Promise<ApiAnswer> {
    const { store } = this.#c;
    const buckets = await store.listBuckets('');
    return ok(await Promise.all(buckets.map(async (b) => ({ name: b.name, created: iso(b.createdMs), versioning: (await store.versioning(b.name)) ?? null }))));
  }

  async #bucketProblem(bucket: string | null): Promise<ApiAnswer | undefined> {
    if (bucket === null || !isValidBucketName(bucket)) return fail(400, `'${bucket ?? ''}' is not a bucket name`);
    if (!(await this.#c.store.bucket(bucket))) return fail(404, `there is no bucket '${bucket}'`);
    return undefined;
  }

  async #objects(params: URLSearchParams): Promise<ApiAnswer> {
    const bucket = params.get('bucket');
    const problem = await this.#bucketProblem(bucket);
    if (problem) return problem;
    const prefix = params.get('prefix') ?? '';
    const listing = await this.#c.store.list(bucket!, { prefix, delimiter: '/', after: params.get('after') ?? '', maxKeys: PAGE_SIZE });
    return ok({
      bucket,
      prefix,
      versioning: (await this.#c.store.versioning(bucket!)) ?? null,
      folders: listing.commonPrefixes,
      objects: listing.objects.map(objectJson),
      next: listing.next ?? null,
    });
  }

  async #object(params: URLSearchParams): Promise<ApiAnswer> {
    const bucket = params.get('bucket');
    const key = params.get('key');
    const problem = await this.#bucketProblem(bucket);
    if (problem) return problem;
    if (key === null || key === '') return fail(400, 'give the object key (key=...)');
    const versions = await this.#c.store.versions(bucket!, key);
    if (versions.length === 0) return fail(404, `there is no object '${key}' in bucket '${bucket}'`);
    const current = versions.find((v) => v.current)?.info;
    return ok({
      bucket,
      key,
      versioning: (await this.#c.store.versioning(bucket!)) ?? null,
      current: current ? { ...objectJson(current), crc64: current.crc64, userMeta: current.userMeta, headers: current.headers } : null,
      versions: versions.map((v) => ({ ...objectJson(v.info), current: v.current })),
    });
  }

  async #presign(req: IncomingMessage): Promise<ApiAnswer> {
    const body = await readJson(req);
    const { bucket, key, versionId } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    if (typeof bucket !== 'string' || typeof key !== 'string' || key === '' || (versionId !== undefined && versionId !== null && typeof versionId !== 'string')) {
      return fail(400, 'send {"bucket": "...", "key": "...", "versionId": "..." (optional)} as JSON');
    }
    const problem = await this.#bucketProblem(bucket);
    if (problem) return problem;
    const versions = await this.#c.store.versions(bucket, key);
    const version = versions.find((v) => (typeof versionId === 'string' ? (v.info.versionId ?? 'null') === versionId : v.current));
    if (!version) return fail(404, `there is no object '${key}'${typeof versionId === 'string' ? ` version ${versionId}` : ''} in bucket '${bucket}'`);
    const name = key.slice(key.lastIndexOf('/') + 1) || 'download';
    const query: [string, string][] = [['response-content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`]];
    if (typeof versionId === 'string') query.push(['versionId', versionId]);
    const signTime = Math.floor(this.#c.clock() / 1000);
    const presigner = new Presigner({
      version: 'v4',
      credentials: this.#c.account.credentials,
      method: 'GET',
      bucket,
      signTime,
      expiresIn: DOWNLOAD_URL_SECONDS,
      region: 'cn-hangzhou',
      product: 'oss',
      address: { ...this.#c.ossAddress(), style: 'path' },
      query,
    });
    return ok({ url: presigner.url(key), expiresAt: iso((signTime + DOWNLOAD_URL_SECONDS) * 1000) });
  }

  #request(seq: number): ApiAnswer {
    const kept = this.#c.history.get(seq);
    if (!kept) return fail(404, `request ${seq} is no longer kept (the console keeps the last ${this.#c.history.capacity})`);
    const { record, evidence } = kept;
    return ok({
      ...keptJson(kept),
      request: describeRequest(record.method, evidence),
      answer: evidence.error ? shownAnswer(evidence.error, tokensOf(evidence)) : null,
      diagnosis: diagnoseRequest(record, evidence, this.#c.account) ?? null,
    });
  }
}
