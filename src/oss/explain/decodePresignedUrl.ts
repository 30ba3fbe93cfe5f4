import { isValidHost } from '../OssEndpoint.js';
import { parseQuery } from '../signing/QueryParam.js';
import { isSubResource } from '../signing/SignatureV1.js';
import { V1_QUERY, V4_QUERY } from '../verify/authenticateOssRequest.js';
import { abbreviate as shorten } from './abbreviate.js';
import { locatePresignedUrl } from './locatePresignedUrl.js';
import { PresignedUrlError } from './PresignedUrlError.js';
import { V1_AUTH_PARAMS, V4_AUTH_PARAMS } from './PresignedUrl.js';
import type { ParameterKind, PresignedUrl, UrlParameter } from './PresignedUrl.js';
import { queryValue as first } from '../signing/QueryParam.js';
import { rawCharacters } from './rawCharacters.js';
import { signatureFields } from './signatureFields.js';

const URL_SHAPE = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#.*)?$/s;

function kindOf(name: string): ParameterKind {
  if (name === 'versionId') return 'version-id';
  if (name.startsWith('response-')) return 'response-override';
  if (name === 'x-oss-process') return 'process';
  if (name === 'x-oss-traffic-limit') return 'traffic-limit';
  return isSubResource(name) ? 'sub-resource' : 'other';
}

/** The parts of an http(s) URL a presigned OSS URL needs, or a PresignedUrlError saying what is wrong. */
function readShape(text: string): { trimmed: string; scheme: 'http' | 'https'; host: string; rawPath: string; path: string; rawQuery: string } {
  // Spaces, tabs and line breaks around a pasted URL go; any other character (U+FEFF, U+00A0, U+200B ...) is the URL's own.
  const trimmed = text.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
  if (/^oss:\/\//i.test(trimmed)) {
    throw new PresignedUrlError('an oss:// location is not a presigned URL: give the https:// URL GET_SIGNED_URL_FROM_OSS or an SDK made');
  }
  const m = URL_SHAPE.exec(trimmed);
  if (!m) {
    const hidden = rawCharacters(trimmed);
    throw new PresignedUrlError(
      `'${shorten(trimmed)}' is not a URL: expected https://<bucket>.<endpoint>/<key>?<signature parameters>${hidden === undefined ? '' : ` (${hidden.replace(/ \(sent raw.*$/, '')})`}`,
    );
  }
  const scheme = m[1]!.toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') throw new PresignedUrlError(`a presigned OSS URL is http:// or https://, not ${scheme}://`);
  const authority = m[2]!;
  if (authority.includes('@')) throw new PresignedUrlError('a presigned OSS URL has no user name or password before its host');
  const host = authority.toLowerCase();
  if (!isValidHost(host)) throw new PresignedUrlError(`'${shorten(authority)}' is not a host name[:port]`);
  const rawPath = m[3] === '' ? '/' : m[3]!;
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    throw new PresignedUrlError('the path is not valid percent-encoded UTF-8 (OSS answers InvalidURI)');
  }
  return { trimmed, scheme, host, rawPath, path, rawQuery: m[4] ?? '' };
}

/** Names of the parameters whose raw value holds a literal `+`. */
function rawPlusNames(rawQuery: string): string[] {
  const rawPlus: string[] = [];
  for (const part of rawQuery.split('&')) {
    const eq = part.indexOf('=');
    if (eq >= 0 && part.slice(eq + 1).includes('+')) rawPlus.push(parseQuery(part.slice(0, eq))[0]?.[0] ?? part.slice(0, eq));
  }
  return rawPlus;
}

/**
 * Takes a presigned OSS URL apart: signature version, addressing style,
 * bucket and key, the signature's parameters (checked for presence and form,
 * problems collected in `faults`) and the other parameters. A custom domain
 * names no bucket: `options.bucket` gives it. Pure; throws a
 * PresignedUrlError for text that is no http(s) URL, a URL without a
 * signature in its query, or a `bucket` option the URL contradicts.
 */
export function decodePresignedUrl(text: string, options: { bucket?: string | undefined } = {}): PresignedUrl {
  const { trimmed, scheme, host, rawPath, path, rawQuery } = readShape(text);
  const query = parseQuery(rawQuery);
  const v1 = V1_QUERY.some((n) => first(query, n) !== undefined);
  const v4 = V4_QUERY.some((n) => first(query, n) !== undefined);
  if (!v1 && !v4) {
    throw new PresignedUrlError(
      `the URL is not presigned: its query has none of ${V1_QUERY.join(', ')} (signature V1) or ${V4_QUERY.join(', ')} (V4)`,
    );
  }
  if (v1 && v4) {
    throw new PresignedUrlError('the URL carries both a V1 (OSSAccessKeyId, Expires, Signature) and a V4 (x-oss-*) signature; OSS accepts one only');
  }
  const located = locatePresignedUrl(host, path, options.bucket);
  if (options.bucket !== undefined && located.bucketFrom !== 'option' && located.bucket !== options.bucket) {
    throw new PresignedUrlError(
      `--bucket ${options.bucket} contradicts the URL, which names ${located.bucket === undefined ? 'no bucket' : `bucket ${located.bucket}`} in its ${located.bucketFrom ?? 'path'}; --bucket is for custom domains`,
    );
  }
  const version = v4 ? 'v4' : 'v1';
  const auth = version === 'v4' ? V4_AUTH_PARAMS : V1_AUTH_PARAMS;
  const parameters = query
    .filter(([name]) => !auth.has(name))
    .map(([name, value]): UrlParameter => ({ name, value, kind: kindOf(name), signed: version === 'v4' || isSubResource(name) }));
  const faults: string[] = [];
  if (/&amp;/i.test(rawQuery)) faults.push("the query holds '&amp;': the URL was copied from HTML or XML; replace each &amp; with &");
  const raw = rawCharacters(trimmed);
  if (raw !== undefined) faults.push(raw);
  const rawPlus = rawPlusNames(rawQuery);
  return { scheme, host, ...located, rawPath, query, rawQuery, parameters, rawPlus, faults, ...signatureFields(version, query, faults) };
}
