import { isIP } from 'node:net';
import { hostName } from '../oss/OssEndpoint.js';
import type { SigningTarget } from '../oss/verify/authenticateOssRequest.js';
import { isValidBucketName } from './ObjectStore.js';
import { OssServiceError } from '../oss/verify/OssServiceError.js';

/** Longest key OSS takes, in UTF-8 bytes. */
export const MAX_KEY_BYTES = 1023;

/**
 * The bucket a Host names in virtual-hosted style (`bucket.<anything>`), or
 * undefined: an IP, a single label (`localhost`), or an OSS service endpoint
 * (`oss-cn-hangzhou.aliyuncs.com`) names none.
 */
export function bucketOfHost(host: string): string | undefined {
  const name = hostName(host).toLowerCase();
  if (isIP(name) !== 0) return undefined;
  const dot = name.indexOf('.');
  if (dot < 0) return undefined;
  const label = name.slice(0, dot);
  if (label.startsWith('oss-') || !isValidBucketName(label)) return undefined;
  return label;
}

/** The path of a request-target (`/a/b?x`, or absolute-form `http://h/a/b?x`), raw, or undefined. */
export function rawPathOf(requestTarget: string): string | undefined {
  let target = requestTarget;
  const absolute = /^https?:\/\/[^/?#]*/i.exec(target);
  if (absolute) target = target.slice(absolute[0].length) || '/';
  if (!target.startsWith('/')) return undefined;
  const q = target.indexOf('?');
  return q < 0 ? target : target.slice(0, q);
}

function pathStyle(path: string): SigningTarget {
  const rest = path.slice(1);
  if (rest === '') return {};
  const slash = rest.indexOf('/');
  if (slash < 0) return { bucket: rest };
  const key = rest.slice(slash + 1);
  return key === '' ? { bucket: rest.slice(0, slash) } : { bucket: rest.slice(0, slash), key };
}

function virtualStyle(bucket: string, path: string): SigningTarget {
  const key = path.slice(1);
  return key === '' ? { bucket } : { bucket, key };
}

/**
 * The readings of a request's bucket and key, most likely first (see
 * `AuthInput.targets`): path style (`/bucket/key`) when the Host names no
 * bucket; virtual-hosted (`Host: bucket.<anything>`, path `/key`) when it
 * does, with path style as the alternative. ali-oss with an IP endpoint sends
 * `Host: <bucket>.oss-<region>.aliyuncs.com` and, with `sldEnable`, also puts
 * the bucket in the path: when both name the same bucket, path style comes
 * first. Keys are taken verbatim from the decoded path: `..`, `%2e%2e`,
 * backslashes and empty segments are ordinary key text.
 */
export function resolveTarget(host: string | undefined, rawPath: string): SigningTarget[] | OssServiceError {
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return OssServiceError.invalidUri();
  }
  const hostBucket = host === undefined ? undefined : bucketOfHost(host);
  const byPath = pathStyle(path);
  let candidates: SigningTarget[];
  if (hostBucket === undefined) candidates = [byPath];
  else if (byPath.bucket === hostBucket) candidates = [byPath, virtualStyle(hostBucket, path)];
  else candidates = [virtualStyle(hostBucket, path), byPath];
  const keyFits = (t: SigningTarget): boolean => t.key === undefined || Buffer.byteLength(t.key, 'utf8') <= MAX_KEY_BYTES;
  const bucketOk = (t: SigningTarget): boolean => t.bucket === undefined || isValidBucketName(t.bucket);
  const valid = candidates.filter((t) => bucketOk(t) && keyFits(t));
  if (valid.length === 0) {
    const primary = candidates[0] ?? {};
    if (!bucketOk(primary)) return OssServiceError.invalidBucketName(primary.bucket ?? '');
    return OssServiceError.invalidObjectName('The Length of Object name must be less than 1024');
  }
  return valid;
}
