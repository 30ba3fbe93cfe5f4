import type { QueryParam } from '../oss/signing/QueryParam.js';
import { OssServiceError } from '../oss/verify/OssServiceError.js';
import { queryValue as first } from '../oss/signing/QueryParam.js';

/** A ListObjects (V1) or ListObjectsV2 request, validated. */
export interface ListObjectsRequest {
  readonly version: 1 | 2;
  readonly prefix: string;
  /** Whether a delimiter parameter was sent (V2 echoes it only then). */
  readonly delimiterSent: boolean;
  readonly delimiter: string;
  readonly maxKeys: number;
  readonly encodingType: 'url' | undefined;
  /** V1 marker. */
  readonly marker: string;
  /** V2 start-after, as sent (undefined when absent). */
  readonly startAfter: string | undefined;
  /** V2 continuation-token, as sent. */
  readonly continuationToken: string | undefined;
  readonly fetchOwner: boolean;
  /** Where the listing starts: exclusive, decoded from marker / token / start-after. */
  readonly after: string;
}

export const DEFAULT_MAX_KEYS = 100;
export const MAX_MAX_KEYS = 1000;

/** The opaque NextContinuationToken for a listing that stopped at `last` (a key or a common prefix). */
export function continuationTokenFor(last: string): string {
  return Buffer.from(last, 'utf8').toString('base64url');
}

function decodeToken(token: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  const text = Buffer.from(token, 'base64url').toString('utf8');
  return continuationTokenFor(text) === token ? text : undefined;
}

function tooLong(value: string): boolean {
  return Buffer.byteLength(value, 'utf8') >= 1024;
}

/** Reads the listing parameters of a GET on a bucket (`list-type=2` selects V2). */
export function parseListObjectsRequest(query: readonly QueryParam[]): ListObjectsRequest | OssServiceError {
  const version = first(query, 'list-type') === '2' ? 2 : 1;
  const prefix = first(query, 'prefix') ?? '';
  const delimiterValue = first(query, 'delimiter');
  const delimiter = delimiterValue ?? '';
  const maxKeysText = first(query, 'max-keys');
  const encoding = first(query, 'encoding-type');
  const marker = first(query, 'marker') ?? '';
  const startAfter = first(query, 'start-after');
  const continuationToken = first(query, 'continuation-token');
  const fetchOwnerText = first(query, 'fetch-owner');

  let maxKeys = DEFAULT_MAX_KEYS;
  if (maxKeysText !== undefined && maxKeysText !== '') {
    if (!/^\d{1,9}$/.test(maxKeysText) || Number(maxKeysText) < 1 || Number(maxKeysText) > MAX_MAX_KEYS) {
      return OssServiceError.invalidArgument('max-keys', maxKeysText, `max-keys must be an integer from 1 to ${MAX_MAX_KEYS}.`);
    }
    maxKeys = Number(maxKeysText);
  }
  if (encoding !== undefined && encoding !== '' && encoding.toLowerCase() !== 'url') {
    return OssServiceError.invalidArgument('encoding-type', encoding, 'encoding-type can only be url.');
  }
  for (const [name, value] of [['prefix', prefix], ['delimiter', delimiter], ['marker', marker], ['start-after', startAfter ?? '']] as const) {
    if (tooLong(value)) return OssServiceError.invalidArgument(name, value.slice(0, 64), `${name} must be shorter than 1024 bytes.`);
  }
  let fetchOwner = false;
  if (fetchOwnerText !== undefined && fetchOwnerText !== '') {
    if (fetchOwnerText !== 'true' && fetchOwnerText !== 'false') {
      return OssServiceError.invalidArgument('fetch-owner', fetchOwnerText, 'fetch-owner must be true or false.');
    }
    fetchOwner = fetchOwnerText === 'true';
  }
  let after = marker;
  if (version === 2) {
    after = startAfter ?? '';
    if (continuationToken !== undefined && continuationToken !== '') {
      const decoded = decodeToken(continuationToken);
      if (decoded === undefined) {
        return OssServiceError.invalidArgument('continuation-token', continuationToken, 'The continuation token provided is incorrect.');
      }
      after = decoded;
    }
  }
  return {
    version,
    prefix,
    delimiterSent: delimiterValue !== undefined,
    delimiter,
    maxKeys,
    encodingType: encoding !== undefined && encoding !== '' ? 'url' : undefined,
    marker,
    startAfter,
    continuationToken,
    fetchOwner,
    after,
  };
}
