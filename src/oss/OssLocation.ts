import { OssError } from './OssError.js';
import { isValidHost, needsPathStyle, scopeOfEndpoint } from './OssEndpoint.js';
import type { EndpointScope } from './OssEndpoint.js';
import { shown } from '../shown.js';

/** An object table's LOCATION: `oss://<endpoint>/<bucket>/<prefix>/`. */
export interface OssLocation {
  /** The endpoint host, with an optional port: `oss-cn-hangzhou-internal.aliyuncs.com`. */
  readonly endpoint: string;
  readonly bucket: string;
  /** '' for the bucket root, else a key prefix ending in `/`. */
  readonly prefix: string;
}

/**
 * OSS bucket names: 3 to 63 characters of lower-case letters, digits and
 * hyphens, starting and ending with a letter or digit.
 */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return `it has ${name.length} characters; OSS allows 3 to 63`;
  if (!/^[a-z0-9-]+$/.test(name)) return 'OSS allows only lower-case letters, digits and hyphens';
  if (!/^[a-z0-9].*[a-z0-9]$/.test(name)) return 'it must start and end with a lower-case letter or digit';
  return undefined;
}

/** Why `key` cannot be an OSS object name, or undefined if it can. */
export function objectKeyProblem(key: string): string | undefined {
  const first = key.charCodeAt(0);
  // At most 3 UTF-8 bytes per UTF-16 unit: a short key cannot be too long.
  if (key.length > 0 && key.length <= 341 && first !== 0x2f && first !== 0x5c) return undefined;
  const bytes = Buffer.byteLength(key, 'utf8');
  if (bytes === 0) return 'it is empty';
  if (bytes > 1023) return `it is ${bytes} bytes long; OSS allows 1 to 1023 bytes of UTF-8`;
  if (key.startsWith('/') || key.startsWith('\\')) return 'it starts with a slash or backslash, which OSS does not allow';
  return undefined;
}

const EXPECTED = "expected 'oss://<endpoint>/<bucket>/<prefix>/', e.g. 'oss://oss-cn-hangzhou-internal.aliyuncs.com/examplebucket/dir/'";

/**
 * Reads a LOCATION string. The prefix is normalised to end with `/` (a
 * location is a directory) and otherwise kept as written: OSS names are not
 * paths, so `x//y/`, `./x/` and `a/../b/` are prefixes of their own. Every
 * problem is an error naming the bad part and what OSS allows.
 */
export function parseOssLocation(text: string): OssLocation {
  const where = `LOCATION ${shown(text)}`;
  if (!/^oss:\/\//i.test(text)) throw OssError.invalidLocation(`${where} is not an OSS location: ${EXPECTED}`);
  const rest = text.slice('oss://'.length);
  const slash = rest.indexOf('/');
  const endpoint = slash < 0 ? rest : rest.slice(0, slash);
  if (endpoint === '') throw OssError.invalidLocation(`${where} has no endpoint: ${EXPECTED}`);
  if (!isValidHost(endpoint)) {
    throw OssError.invalidLocation(`${where} has endpoint ${shown(endpoint)}, which is not a host name[:port]: ${EXPECTED}`);
  }
  const path = slash < 0 ? '' : rest.slice(slash + 1);
  const bucketEnd = path.indexOf('/');
  const bucket = bucketEnd < 0 ? path : path.slice(0, bucketEnd);
  if (bucket === '') throw OssError.invalidLocation(`${where} names no bucket: ${EXPECTED}`);
  const problem = bucketNameProblem(bucket);
  if (problem) throw OssError.invalidLocation(`${where} names bucket ${shown(bucket)}, which OSS would refuse: ${problem}`);
  let prefix = bucketEnd < 0 ? '' : path.slice(bucketEnd + 1);
  if (prefix !== '' && !prefix.endsWith('/')) prefix += '/';
  if (prefix !== '') {
    if (prefix.startsWith('/') || prefix.startsWith('\\')) {
      throw OssError.invalidLocation(`${where} has a prefix starting with '${prefix[0]}'; OSS object names cannot start with a slash or backslash`);
    }
    if (Buffer.byteLength(prefix, 'utf8') > 1023) throw OssError.invalidLocation(`${where} has a prefix over 1023 bytes, the longest OSS object name`);
    if (/[\u0000-\u001f\u007f]/.test(prefix)) throw OssError.invalidLocation(`${where} has a control character in its prefix`);
  }
  return { endpoint: endpoint.toLowerCase(), bucket, prefix };
}

/** `oss://endpoint/bucket/prefix` as text. */
export function formatOssLocation(location: OssLocation): string {
  return `oss://${location.endpoint}/${location.bucket}/${location.prefix}`;
}

/**
 * The signing scope of a location: read from its endpoint, or given
 * explicitly (`region` overrides). An endpoint that names no region is an
 * error that says how to give one.
 */
export function scopeOfLocation(location: OssLocation, region?: string): EndpointScope {
  if (region !== undefined && region !== '') {
    if (!/^[a-z0-9-]+$/.test(region)) throw OssError.invalidLocation(`region ${shown(region)} is not an OSS region id such as 'cn-hangzhou'`);
    const named = scopeOfEndpoint(location.endpoint);
    if (named && named.region !== region) {
      throw OssError.invalidLocation(
        `'ossduck.region'='${region}' contradicts the LOCATION's endpoint ${shown(location.endpoint)}, which is in ${named.region}: ` +
          `OSS would refuse URLs signed for ${region} there; leave 'ossduck.region' out, or give '${named.region}'`,
      );
    }
    return { region, product: named?.product ?? 'oss' };
  }
  const scope = scopeOfEndpoint(location.endpoint);
  if (scope) return scope;
  const why = needsPathStyle(location.endpoint) ? 'an IP address or localhost names no region' : 'it is not of the form oss-<region>[-internal].aliyuncs.com';
  throw OssError.invalidLocation(
    `cannot read the OSS region from endpoint ${shown(location.endpoint)} (${why}); use an endpoint such as ` +
      `'oss-cn-hangzhou-internal.aliyuncs.com', or give the region with WITH SERDEPROPERTIES ('ossduck.region'='cn-hangzhou')`,
  );
}
