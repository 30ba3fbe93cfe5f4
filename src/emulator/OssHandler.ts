import { pipeline as pipeStreams } from 'node:stream';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { OssLimits } from '../oss/OssLimits.js';
import { parseQuery } from '../oss/signing/QueryParam.js';
import type { QueryParam } from '../oss/signing/QueryParam.js';
import { isSubResource } from '../oss/signing/SignatureV1.js';
import { authenticateOssRequest } from '../oss/verify/authenticateOssRequest.js';
import type { Principal, SecretLookup } from '../oss/verify/authenticateOssRequest.js';
import type { HttpExchange } from './HttpExchange.js';
import { isSafeHeaderValue } from './HttpExchange.js';
import { listBucketResultXml } from './listBucketResultXml.js';
import type { Owner } from './listBucketResultXml.js';
import { parseListObjectsRequest } from './ListObjectsRequest.js';
import type { ObjectInfo, ObjectStore } from './ObjectStore.js';
import { objectRequestOptions } from './objectRequestOptions.js';
import type { ObjectRequestOptions } from './objectRequestOptions.js';
import { OssServiceError, isoMillis } from '../oss/verify/OssServiceError.js';
import { parseRange } from './parseRange.js';
import { resolveTarget } from './resolveTarget.js';
import { serveBucketVersioning } from './serveBucketVersioning.js';
import { Throttle } from './Throttle.js';
import { XmlWriter } from '../oss/XmlWriter.js';
import { queryValue as first } from '../oss/signing/QueryParam.js';

export interface OssHandlerOptions {
  readonly store: ObjectStore;
  readonly lookup: SecretLookup;
  readonly owner: Owner;
  /** Region id for bucket locations, e.g. `cn-hangzhou`. */
  readonly region: string;
  readonly log: (line: string) => void;
}

/** Largest single PutObject OSS takes. */
const MAX_OBJECT_BYTES = 5 * 1024 ** 3;
/** OSS refuses x-oss-meta-* headers (names and values) adding up to 8 KB or more. */
const MAX_USER_META_BYTES = 8 * 1024;
const STORAGE_CLASSES = new Set(['Standard', 'IA', 'Archive', 'ColdArchive', 'DeepColdArchive']);
/** Standard headers PutObject stores and GetObject/HeadObject return. */
const STORED_HEADERS = ['Cache-Control', 'Content-Disposition', 'Content-Encoding', 'Content-Language', 'Expires'];
/** GetObject's `response-*` parameters and the headers they set. */
const RESPONSE_OVERRIDES: readonly (readonly [string, string])[] = [
  ['response-content-type', 'Content-Type'],
  ['response-content-language', 'Content-Language'],
  ['response-expires', 'Expires'],
  ['response-cache-control', 'Cache-Control'],
  ['response-content-disposition', 'Content-Disposition'],
  ['response-content-encoding', 'Content-Encoding'],
];
/** Sub-resource parameters that only carry authentication, or options the emulator can ignore. */
const PASSIVE_PARAMS = new Set([
  'security-token', 'x-oss-signature-version', 'x-oss-credential', 'x-oss-date', 'x-oss-expires', 'x-oss-signature',
  'x-oss-additional-headers', 'x-oss-security-token', 'x-oss-request-payer', 'x-oss-traffic-limit', 'x-oss-ac-source-ip',
  'x-oss-ac-subnet-mask', 'x-oss-ac-vpc-id', 'x-oss-ac-forward-allow',
]);

/** The sub-resources that ask for an operation other than the plain one (acl, tagging, uploads, ...). */
function actionParams(query: readonly QueryParam[], allowed: readonly string[]): string[] {
  return query.map(([name]) => name).filter((name) => isSubResource(name) && !PASSIVE_PARAMS.has(name) && !allowed.includes(name));
}

function httpDate(epochMs: number): string {
  return new Date(epochMs).toUTCString();
}

/**
 * The OSS side of the emulator: reads bucket and key from Host and path,
 * checks the signature, then serves the operation from the object store.
 */
export class OssHandler {
  readonly #options: OssHandlerOptions;

  constructor(options: OssHandlerOptions) {
    this.#options = options;
  }

  async handle(ex: HttpExchange, rawPath: string, rawQuery: string): Promise<void> {
    const targets = resolveTarget(ex.req.headers.host, rawPath);
    if (targets instanceof OssServiceError) return ex.sendError(targets);
    const query = parseQuery(rawQuery);
    const principal = authenticateOssRequest(
      { method: ex.method, targets, query, headers: ex.headers, nowMs: ex.nowMs },
      this.#options.lookup,
    );
    if (principal instanceof OssServiceError) return ex.sendError(principal);
    ex.principal = principal;
    const { bucket, key } = principal.target;
    if (bucket === undefined) return this.#service(ex, query);
    if (key === undefined) return this.#bucket(ex, bucket, query);
    return this.#object(ex, bucket, key, query, principal);
  }

  // ---- service ---------------------------------------------------------

  async #service(ex: HttpExchange, query: readonly QueryParam[]): Promise<void> {
    if (ex.method !== 'GET') return ex.sendError(OssServiceError.methodNotAllowed(ex.method, 'Service', 'GET'));
    const { owner, region } = this.#options;
    const xml = new XmlWriter().open('ListAllMyBucketsResult');
    xml.open('Owner').element('ID', owner.id).element('DisplayName', owner.displayName).close('Owner').open('Buckets');
    for (const bucket of await this.#options.store.listBuckets(first(query, 'prefix') ?? '')) {
      xml
        .open('Bucket')
        .element('CreationDate', isoMillis(bucket.createdMs))
        .element('ExtranetEndpoint', `oss-${region}.aliyuncs.com`)
        .element('IntranetEndpoint', `oss-${region}-internal.aliyuncs.com`)
        .element('Location', `oss-${region}`)
        .element('Name', bucket.name)
        .element('Region', region)
        .element('StorageClass', 'Standard')
        .close('Bucket');
    }
    ex.sendXml(200, xml.close('Buckets').close('ListAllMyBucketsResult').toString());
  }

  // ---- buckets ---------------------------------------------------------

  async #bucket(ex: HttpExchange, bucket: string, query: readonly QueryParam[]): Promise<void> {
    const { store, owner, region } = this.#options;
    const actions = actionParams(query, ['continuation-token']);
    const action = actions[0];
    if (action === 'versioning' && actions.length === 1 && (ex.method === 'PUT' || ex.method === 'GET')) return serveBucketVersioning(ex, store, bucket);
    if (ex.method === 'PUT' && action === undefined) {
      ex.req.resume();
      if (!(await store.createBucket(bucket))) return ex.sendError(OssServiceError.bucketAlreadyExists(bucket));
      return ex.send(200, []);
    }
    const info = await store.bucket(bucket);
    if (!info) return ex.sendError(OssServiceError.noSuchBucket(bucket));
    if (ex.method === 'DELETE' && action === undefined) {
      const outcome = await store.deleteBucket(bucket);
      if (outcome === 'notEmpty') return ex.sendError(OssServiceError.bucketNotEmpty(bucket));
      if (outcome === 'missing') return ex.sendError(OssServiceError.noSuchBucket(bucket));
      return ex.send(204, []);
    }
    const readable = ['location', 'acl', 'bucketInfo'];
    if (action !== undefined && !(ex.method === 'GET' && actions.length === 1 && readable.includes(action))) {
      return ex.sendError(OssServiceError.notImplemented(`${ex.method} on the bucket sub-resource "${action}"`));
    }
    if (ex.method !== 'GET') return ex.sendError(OssServiceError.methodNotAllowed(ex.method, 'Bucket', 'GET, PUT, DELETE'));
    if (action === 'location') {
      return ex.sendXml(200, new XmlWriter().element('LocationConstraint', `oss-${region}`).toString());
    }
    if (action === 'acl') {
      const xml = new XmlWriter()
        .open('AccessControlPolicy')
        .open('Owner').element('ID', owner.id).element('DisplayName', owner.displayName).close('Owner')
        .open('AccessControlList').element('Grant', 'private').close('AccessControlList')
        .close('AccessControlPolicy');
      return ex.sendXml(200, xml.toString());
    }
    if (action === 'bucketInfo') {
      const xml = new XmlWriter()
        .open('BucketInfo')
        .open('Bucket')
        .element('AccessMonitor', 'Disabled')
        .element('CreationDate', isoMillis(info.createdMs))
        .element('ExtranetEndpoint', `oss-${region}.aliyuncs.com`)
        .element('IntranetEndpoint', `oss-${region}-internal.aliyuncs.com`)
        .element('Location', `oss-${region}`)
        .element('StorageClass', 'Standard')
        .element('TransferAcceleration', 'Disabled')
        .element('CrossRegionReplication', 'Disabled')
        .element('Name', bucket)
        .open('Owner').element('DisplayName', owner.displayName).element('ID', owner.id).close('Owner')
        .open('AccessControlList').element('Grant', 'private').close('AccessControlList')
        .element('Comment', '')
        .close('Bucket')
        .close('BucketInfo');
      return ex.sendXml(200, xml.toString());
    }
    const request = parseListObjectsRequest(query);
    if (request instanceof OssServiceError) return ex.sendError(request);
    const result = await store.list(bucket, {
      prefix: request.prefix,
      delimiter: request.delimiter,
      after: request.after,
      maxKeys: request.maxKeys,
    });
    ex.sendXml(200, listBucketResultXml(bucket, request, result, owner));
  }

  // ---- objects ---------------------------------------------------------

  async #object(ex: HttpExchange, bucket: string, key: string, query: readonly QueryParam[], principal: Principal): Promise<void> {
    const actions = actionParams(query, [...RESPONSE_OVERRIDES.map(([name]) => name), 'versionId', 'x-oss-process']);
    const action = actions[0];
    if (action === 'objectMeta' && actions.length === 1 && ex.method === 'HEAD') return this.#objectMeta(ex, bucket, key);
    if (action !== undefined) return ex.sendError(OssServiceError.notImplemented(`the object sub-resource "${action}"`));
    const options = objectRequestOptions(ex.method, query, ex.headers);
    if (options instanceof OssServiceError) return ex.sendError(options);
    switch (ex.method) {
      case 'GET':
      case 'HEAD':
        return this.#get(ex, bucket, key, query, options);
      case 'PUT':
        return this.#put(ex, bucket, key, principal, options);
      case 'DELETE':
        if (!(await this.#options.store.bucket(bucket))) return ex.sendError(OssServiceError.noSuchBucket(bucket));
        await this.#options.store.delete(bucket, key);
        return ex.send(204, []);
      default:
        return ex.sendError(OssServiceError.methodNotAllowed(ex.method, 'Object', 'GET, HEAD, PUT, DELETE'));
    }
  }

  async #get(ex: HttpExchange, bucket: string, key: string, query: readonly QueryParam[], options: ObjectRequestOptions): Promise<void> {
    const { store } = this.#options;
    const overrides: [string, string][] = [];
    if (ex.method === 'GET') {
      for (const [param, headerName] of RESPONSE_OVERRIDES) {
        const value = first(query, param);
        if (value === undefined) continue;
        if (!isSafeHeaderValue(value)) return ex.sendError(OssServiceError.invalidArgument(param, value, `${param} cannot hold line breaks.`));
        overrides.push([headerName, value]);
      }
    }
    if (!(await store.bucket(bucket))) return ex.sendError(OssServiceError.noSuchBucket(bucket));
    const opened = options.versionId === undefined ? await store.open(bucket, key) : await store.openVersion(bucket, key, options.versionId);
    if (!opened) return ex.sendError(options.versionId === undefined ? OssServiceError.noSuchKey(key) : OssServiceError.noSuchVersion(options.versionId));
    const { info, handle } = opened;
    let handedOff = false;
    try {
      const condition = this.#precondition(ex, info);
      if (condition === 304) {
        return ex.send(304, [['ETag', `"${info.etag}"`], ['Last-Modified', httpDate(info.lastModifiedMs)]]);
      }
      if (condition !== undefined) return ex.sendError(OssServiceError.preconditionFailed(condition));
      const standard = (ex.header('x-oss-range-behavior') ?? '').toLowerCase() === 'standard';
      const range = parseRange(ex.header('range'), info.size, standard);
      if (range.kind === 'unsatisfiable') return ex.sendError(OssServiceError.invalidRange(info.size));
      const headers = objectHeaders(info);
      for (const [name, value] of overrides) {
        const at = headers.findIndex(([n]) => n === name);
        if (at >= 0) headers.splice(at, 1);
        headers.push([name, value]);
      }
      let start = 0;
      let end = info.size - 1;
      let status = 200;
      if (range.kind === 'partial') {
        ({ start, end } = range);
        status = 206;
        headers.push(['Content-Range', `bytes ${start}-${end}/${info.size}`]);
      }
      const length = info.size === 0 ? 0 : end - start + 1;
      ex.begin(status, [...headers, ['Content-Length', length]]);
      if (ex.method === 'HEAD' || length === 0) {
        ex.res.end();
        return;
      }
      handedOff = true;
      const stream = handle.createReadStream({ start, end, autoClose: true });
      try {
        if (options.trafficLimit === undefined) await pipeline(stream, ex.res);
        else await pipeline(stream, new Throttle(options.trafficLimit), ex.res);
      } catch (error) {
        this.#options.log(`GET ${bucket}/${key}: response stream ended early (${(error as Error).message})`);
      }
    } finally {
      if (!handedOff) await handle.close();
    }
  }

  /** GetObjectMeta (`HEAD ?objectMeta`): ETag, size, Last-Modified and CRC. */
  async #objectMeta(ex: HttpExchange, bucket: string, key: string): Promise<void> {
    if (!(await this.#options.store.bucket(bucket))) return ex.sendError(OssServiceError.noSuchBucket(bucket));
    const info = await this.#options.store.head(bucket, key);
    if (!info) return ex.sendError(OssServiceError.noSuchKey(key));
    ex.begin(200, [
      ['ETag', `"${info.etag}"`],
      ['Last-Modified', httpDate(info.lastModifiedMs)],
      ['x-oss-hash-crc64ecma', info.crc64],
      ['Content-Length', info.size],
    ]);
    ex.res.end();
  }

  /** 304, the failed condition's name (412), or undefined when every condition holds. */
  #precondition(ex: HttpExchange, info: ObjectInfo): 304 | string | undefined {
    const etag = `"${info.etag}"`;
    const matches = (list: string): boolean =>
      list.split(',').some((tag) => {
        const t = tag.trim();
        return t === '*' || t === etag || t === info.etag || t.toUpperCase() === etag;
      });
    const lastModified = Math.floor(info.lastModifiedMs / 1000) * 1000;
    const ifMatch = ex.header('if-match');
    if (ifMatch !== undefined && !matches(ifMatch)) return 'If-Match';
    const ifUnmodified = ex.header('if-unmodified-since');
    const unmodifiedMs = ifUnmodified === undefined ? NaN : Date.parse(ifUnmodified);
    if (!Number.isNaN(unmodifiedMs) && lastModified > unmodifiedMs) return 'If-Unmodified-Since';
    const ifNoneMatch = ex.header('if-none-match');
    if (ifNoneMatch !== undefined && matches(ifNoneMatch)) return 304;
    const ifModified = ex.header('if-modified-since');
    const modifiedMs = ifModified === undefined ? NaN : Date.parse(ifModified);
    if (ifNoneMatch === undefined && !Number.isNaN(modifiedMs) && lastModified <= modifiedMs) return 304;
    return undefined;
  }

  async #put(ex: HttpExchange, bucket: string, key: string, principal: Principal, options: ObjectRequestOptions): Promise<void> {
    const { store } = this.#options;
    const acl = ex.header('x-oss-object-acl');
    if (acl !== undefined && !OssLimits.objectAcls.includes(acl)) {
      return ex.sendError(OssServiceError.invalidArgument('x-oss-object-acl', acl, `x-oss-object-acl must be one of ${OssLimits.objectAcls.join(', ')}.`));
    }
    if (ex.header('x-oss-copy-source') !== undefined) return ex.sendError(OssServiceError.notImplemented('CopyObject'));
    const length = ex.header('content-length');
    const chunked = /chunked/i.test(ex.header('transfer-encoding') ?? '');
    if (length === undefined && !chunked) return ex.sendError(OssServiceError.missingContentLength());
    if (length !== undefined && Number(length) > MAX_OBJECT_BYTES) return ex.sendError(OssServiceError.tooLarge(length));
    let expectedMd5: Buffer | undefined;
    const md5 = ex.header('content-md5');
    if (md5 !== undefined) {
      expectedMd5 = Buffer.from(md5.trim(), 'base64');
      if (expectedMd5.length !== 16 || expectedMd5.toString('base64') !== md5.trim()) return ex.sendError(OssServiceError.invalidDigest());
    }
    const storageClass = ex.header('x-oss-storage-class') ?? 'Standard';
    if (!STORAGE_CLASSES.has(storageClass)) {
      return ex.sendError(OssServiceError.invalidArgument('x-oss-storage-class', storageClass, 'Unsupported storage class.'));
    }
    const userMeta: [string, string][] = [];
    const stored: [string, string][] = [];
    let metaBytes = 0;
    for (const [name, value] of ex.headers) {
      const lower = name.toLowerCase();
      if (!lower.startsWith('x-oss-meta-')) continue;
      userMeta.push([lower, value]);
      metaBytes += Buffer.byteLength(lower, 'utf8') + Buffer.byteLength(value, 'utf8');
    }
    if (metaBytes >= MAX_USER_META_BYTES) return ex.sendError(OssServiceError.metadataTooLarge(metaBytes));
    for (const name of STORED_HEADERS) {
      const value = ex.header(name);
      if (value !== undefined) stored.push([name, value]);
    }
    let body: Readable = ex.req;
    if (options.trafficLimit !== undefined) {
      // The upload is read no faster than the limit; an aborted request ends the throttle with its error.
      body = pipeStreams(ex.req, new Throttle(options.trafficLimit), () => undefined);
    }
    const outcome = await store.put(bucket, key, body, {
      contentType: ex.header('content-type') || undefined,
      userMeta,
      headers: stored,
      storageClass,
      expectedMd5,
      expectedSha256: principal.payloadSha256,
      forbidOverwrite: (ex.header('x-oss-forbid-overwrite') ?? '').toLowerCase() === 'true',
    });
    if (!outcome.ok) {
      if (outcome.reason === 'noBucket') {
        ex.req.resume();
        return ex.sendError(OssServiceError.noSuchBucket(bucket));
      }
      if (outcome.reason === 'aborted') {
        if (!ex.res.writableEnded && !ex.res.destroyed) ex.sendError(OssServiceError.incompleteBody());
        return;
      }
      if (outcome.reason === 'md5') return ex.sendError(OssServiceError.invalidDigest());
      if (outcome.reason === 'sha256') return ex.sendError(OssServiceError.contentSha256Mismatch());
      if (outcome.reason === 'blocked') return ex.sendError(OssServiceError.pathBlocked());
      return ex.sendError(OssServiceError.fileAlreadyExists());
    }
    const { info } = outcome;
    ex.send(200, [
      ['ETag', `"${info.etag}"`],
      ['x-oss-hash-crc64ecma', info.crc64],
      ['Content-MD5', Buffer.from(info.etag, 'hex').toString('base64')],
      ...(info.versionId === undefined ? [] : [['x-oss-version-id', info.versionId] as [string, string]]),
    ]);
  }
}

/** The headers GetObject and HeadObject return for an object. */
function objectHeaders(info: ObjectInfo): [string, string][] {
  const headers: [string, string][] = [
    ['Content-Type', info.contentType],
    ['ETag', `"${info.etag}"`],
    ['Last-Modified', httpDate(info.lastModifiedMs)],
    ['Accept-Ranges', 'bytes'],
    ['x-oss-object-type', 'Normal'],
    ['x-oss-storage-class', info.storageClass],
    ['x-oss-hash-crc64ecma', info.crc64],
    ['Content-MD5', Buffer.from(info.etag, 'hex').toString('base64')],
  ];
  for (const [name, value] of info.headers) headers.push([name, value]);
  for (const [name, value] of info.userMeta) headers.push([name, value]);
  if (info.versionId !== undefined) headers.push(['x-oss-version-id', info.versionId]);
  return headers;
}
