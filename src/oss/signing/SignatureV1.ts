/**
 * The steps of OSS signature version 1 (HMAC-SHA1), each a small pure function.
 */
import { createHmac } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { QueryParam } from './QueryParam.js';
import type { HeaderList } from './SignatureV4.js';

/**
 * Query parameters that are sub-resources: they enter the canonicalized
 * resource of a V1 signature. Any parameter starting with `x-oss-` does too.
 * The list is the union of the lists the v2 SDKs carry.
 */
export const V1_SUB_RESOURCES: ReadonlySet<string> = new Set([
  'acl', 'bucketInfo', 'location', 'stat', 'delete', 'append', 'tagging', 'objectMeta', 'uploads', 'uploadId',
  'partNumber', 'security-token', 'position', 'response-content-type', 'response-content-language',
  'response-expires', 'response-cache-control', 'response-content-disposition', 'response-content-encoding',
  'restore', 'callback', 'callback-var', 'versions', 'versioning', 'versionId', 'sequential', 'continuation-token',
  'regionList', 'cloudboxes', 'symlink', 'resourceGroup', 'cors', 'logging', 'website', 'referer', 'lifecycle',
  'cname', 'qos', 'qosInfo', 'live', 'status', 'vod', 'startTime', 'endTime', 'img', 'style', 'styleName',
  'replication', 'replicationProgress', 'replicationLocation', 'policy', 'encryption', 'requestPayment',
  'inventory', 'inventoryId', 'asyncFetch', 'worm', 'wormId', 'wormExtend', 'transferAcceleration',
  'metaQuery', 'accessPoint', 'accessPointPolicy', 'httpsConfig', 'publicAccessBlock', 'bucketArchiveDirectRead',
  'comp', 'udf', 'udfName', 'udfImage', 'udfId', 'udfImageDesc', 'udfApplication', 'udfApplicationLog',
  'processConfiguration', 'dataRedundancyTransition', 'x-oss-process', 'x-oss-traffic-limit',
  'x-oss-request-payer',
]);

export function isSubResource(name: string, extra?: readonly string[]): boolean {
  return V1_SUB_RESOURCES.has(name) || name.startsWith('x-oss-') || (extra?.includes(name) ?? false);
}

/** Every x-oss-* header, lower-cased, sorted, `name:value\n`, values trimmed. */
export function canonicalizedOssHeaders(headers: HeaderList): string {
  const values = new Map<string, string[]>();
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (!lower.startsWith('x-oss-')) continue;
    const list = values.get(lower);
    if (list) list.push(value.trim());
    else values.set(lower, [value.trim()]);
  }
  return [...values.keys()]
    .sort()
    .map((name) => `${name}:${(values.get(name) ?? []).join(',')}\n`)
    .join('');
}

/**
 * `/bucket/key?sub=value&sub2`: the raw (unencoded) key, then the signed
 * sub-resources sorted by name with their decoded values.
 */
export function canonicalizedResource(
  bucket: string | undefined,
  key: string | undefined,
  query: readonly QueryParam[],
  extraSubResources?: readonly string[],
): string {
  let resource = '/';
  if (bucket !== undefined) resource += `${bucket}/`;
  if (key !== undefined) resource += key;
  return resource + subResourceSuffix(query, extraSubResources);
}

/** `?sub=value&sub2` for the signed sub-resources among `query`, or '' if none. */
export function subResourceSuffix(query: readonly QueryParam[], extraSubResources?: readonly string[]): string {
  const signed = query
    .filter(([name]) => isSubResource(name, extraSubResources))
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([name, value]) => (value === null || value === '' ? name : `${name}=${value}`));
  return signed.length > 0 ? `?${signed.join('&')}` : '';
}

function header(headers: HeaderList, wanted: string): string {
  for (const [name, value] of headers) if (name.toLowerCase() === wanted) return value;
  return '';
}

/** Method, Content-MD5, Content-Type, date (or Expires), OSS headers, resource. */
export function stringToSignV1(method: string, headers: HeaderList, date: string, resource: string): string {
  return (
    `${method.toUpperCase()}\n${header(headers, 'content-md5')}\n${header(headers, 'content-type')}\n${date}\n` +
    `${canonicalizedOssHeaders(headers)}${resource}`
  );
}

/** Base64 HMAC-SHA1 of the string to sign under the AccessKey secret. */
export function signatureV1(secret: KeyObject | string, stringToSign: string): string {
  return createHmac('sha1', secret).update(stringToSign, 'utf8').digest('base64');
}
