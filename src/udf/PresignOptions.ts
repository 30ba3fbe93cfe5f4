import { URL_METHODS } from '../catalog/TableUrlProperties.js';
import type { UrlMethod } from '../catalog/TableUrlProperties.js';
import { OssLimits } from '../oss/OssLimits.js';
import { ossProcessProblem } from '../oss/ossProcessProblem.js';
import { parseUrlScheme } from '../oss/UrlForm.js';

type OptionKind = 'control' | 'query' | 'header';

export interface OptionSpec {
  /** The name as OSS spells it. */
  readonly name: string;
  readonly kind: OptionKind;
  /** The methods it applies to; all when undefined. */
  readonly methods?: readonly UrlMethod[];
  /** What values it takes, for messages. */
  readonly allowed: string;
  /** The value to use, or undefined when `value` is not allowed. */
  readonly read: (value: string) => string | undefined;
}

/** Printable text (no control characters), as HTTP header and parameter values must be. */
export const PRINTABLE = /^[^\u0000-\u001f\u007f]+$/;
const anyText = (value: string): string | undefined => (PRINTABLE.test(value) ? value : undefined);
const oneOf =
  (values: readonly string[]) =>
  (value: string): string | undefined =>
    values.find((v) => v.toLowerCase() === value.trim().toLowerCase());

const MIN_TRAFFIC_LIMIT = OssLimits.minTrafficLimit;
const MAX_TRAFFIC_LIMIT = OssLimits.maxTrafficLimit;
const STORAGE_CLASSES = OssLimits.storageClasses;
const OBJECT_ACLS = OssLimits.objectAcls;

const GET: readonly UrlMethod[] = ['GET'];
const PUT: readonly UrlMethod[] = ['PUT'];

/** Upload headers that V4 signs only as additional headers (V1 cannot sign them at all). */
export const ADDITIONAL_HEADERS = ['Cache-Control', 'Content-Disposition', 'Content-Encoding', 'Content-Language', 'Expires'];

const RESPONSE_OVERRIDES = ['content-type', 'content-disposition', 'content-language', 'cache-control', 'expires', 'content-encoding'];

/** Every option OSSDUCK_PRESIGN takes, in the order messages list them. */
export const PRESIGN_OPTIONS: readonly OptionSpec[] = [
  { name: 'ttl', kind: 'control', allowed: 'a whole number of seconds from 1 to 604800', read: (v) => (/^\s*\d{1,16}\s*$/.test(v) ? v.trim() : undefined) },
  {
    name: 'expiration',
    kind: 'control',
    allowed: 'an ISO-8601 instant such as 2026-11-23T21:00:00+08:00, or a wall time such as 2026-11-23 21:00:00 read in odps.sql.timezone',
    read: anyText,
  },
  { name: 'method', kind: 'control', allowed: URL_METHODS.join(', '), read: oneOf(URL_METHODS) },
  { name: 'scheme', kind: 'control', allowed: 'https or http', read: (v) => { const p = parseUrlScheme(v); return 'value' in p ? p.value : undefined; } },
  { name: 'endpoint', kind: 'control', allowed: 'location, internal, public, accelerate or a custom domain', read: anyText },
  { name: 'versionId', kind: 'query', methods: ['GET', 'HEAD'], allowed: 'a version id such as CAEQNhiBgMDJgZCA0BYiIDc4MGZjZGI2OTBjOTRmNTE5NmU5NmFkODgzZjM5, or null', read: (v) => (/^\S+$/.test(v) && PRINTABLE.test(v) ? v : undefined) },
  ...RESPONSE_OVERRIDES.map((h): OptionSpec => ({ name: `response-${h}`, kind: 'query', methods: GET, allowed: 'any text', read: anyText })),
  { name: 'x-oss-process', kind: 'query', methods: GET, allowed: 'a processing such as image/resize,w_100', read: (v) => (ossProcessProblem(v) === undefined ? v : undefined) },
  {
    name: 'x-oss-traffic-limit',
    kind: 'query',
    methods: ['GET', 'PUT'],
    allowed: `a whole number of bit/s from ${MIN_TRAFFIC_LIMIT} (100 KB/s) to ${MAX_TRAFFIC_LIMIT} (100 MB/s)`,
    read: (v) => {
      if (!/^\s*\d{1,12}\s*$/.test(v)) return undefined;
      const n = Number(v.trim());
      return n >= MIN_TRAFFIC_LIMIT && n <= MAX_TRAFFIC_LIMIT ? String(n) : undefined;
    },
  },
  { name: 'x-oss-request-payer', kind: 'query', allowed: 'requester', read: oneOf(['requester']) },
  { name: 'Content-Type', kind: 'header', methods: PUT, allowed: 'a media type such as text/plain', read: (v) => (/^[^\s/]+\/[^\s]/.test(v.trim()) && PRINTABLE.test(v) ? v.trim() : undefined) },
  {
    name: 'Content-MD5',
    kind: 'header',
    methods: PUT,
    allowed: 'the base64 of the 16-byte MD5 of the body, such as 1B2M2Y8AsgTpgAmY7PhCfg==',
    read: (v) => (Buffer.from(v.trim(), 'base64').length === 16 && Buffer.from(v.trim(), 'base64').toString('base64') === v.trim() ? v.trim() : undefined),
  },
  ...ADDITIONAL_HEADERS.map((name): OptionSpec => ({ name, kind: 'header', methods: PUT, allowed: 'any text', read: anyText })),
  { name: 'x-oss-storage-class', kind: 'header', methods: PUT, allowed: STORAGE_CLASSES.join(', '), read: oneOf(STORAGE_CLASSES) },
  { name: 'x-oss-object-acl', kind: 'header', methods: PUT, allowed: OBJECT_ACLS.join(', '), read: oneOf(OBJECT_ACLS) },
  { name: 'x-oss-forbid-overwrite', kind: 'header', methods: PUT, allowed: 'true or false', read: oneOf(['true', 'false']) },
];

const USER_META = /^x-oss-meta-[a-z0-9_-]+$/i;
/** The spec of every user metadata header, x-oss-meta-<name>. */
export const USER_META_SPEC: OptionSpec = { name: 'x-oss-meta-*', kind: 'header', methods: PUT, allowed: 'any text', read: anyText };
const BY_NAME = new Map(PRESIGN_OPTIONS.map((spec) => [spec.name.toLowerCase(), spec] as const));

/** The option names as messages list them. */
export const OPTION_NAMES = [...PRESIGN_OPTIONS.map((s) => s.name), 'x-oss-meta-<name>'];

/** The spec of option `name` (any case), or undefined for an unknown option. */
export function presignOptionSpec(name: string): OptionSpec | undefined {
  const lower = name.toLowerCase();
  return BY_NAME.get(lower) ?? (USER_META.test(name) ? USER_META_SPEC : undefined);
}
