import { DateTime } from 'luxon';
import { URL_METHODS } from '../catalog/TableUrlProperties.js';
import type { UrlMethod } from '../catalog/TableUrlProperties.js';
import { OssLimits } from '../oss/OssLimits.js';
import { ossProcessProblem } from '../oss/ossProcessProblem.js';
import type { QueryParam } from '../oss/signing/QueryParam.js';
import type { SignatureVersion } from '../oss/signing/Presigner.js';
import { parseEndpointChoice, parseUrlScheme } from '../oss/UrlForm.js';
import type { UrlForm } from '../oss/UrlForm.js';
import { FunctionError } from './FunctionError.js';

/** A presigned URL as the options of OSSDUCK_PRESIGN ask for it (the table adds its defaults and limits). */
export interface PresignRequest {
  readonly method: UrlMethod;
  /** Seconds, unchecked (urlLifetime checks the range), or null. */
  readonly ttl: number | null;
  /** Epoch milliseconds, or null. */
  readonly expiration: number | null;
  readonly form: UrlForm;
  /** Query parameters the URL carries and signs (versionId, response-*, x-oss-process, ...). */
  readonly query: readonly QueryParam[];
  /** Headers the HTTP client must send, signed; canonical spelling, sorted by lower-case name. */
  readonly headers: readonly (readonly [string, string])[];
  /** V4: the lower-case names of signed headers beyond Content-Type, Content-MD5 and x-oss-*. */
  readonly additionalHeaders: readonly string[];
}

type OptionKind = 'control' | 'query' | 'header';

interface OptionSpec {
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
const TEXT = /^[^\u0000-\u001f\u007f]+$/;
const anyText = (value: string): string | undefined => (TEXT.test(value) ? value : undefined);
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
const ADDITIONAL_HEADERS = ['Cache-Control', 'Content-Disposition', 'Content-Encoding', 'Content-Language', 'Expires'];

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
  { name: 'versionId', kind: 'query', methods: ['GET', 'HEAD'], allowed: 'a version id such as CAEQNhiBgMDJgZCA0BYiIDc4MGZjZGI2OTBjOTRmNTE5NmU5NmFkODgzZjM5, or null', read: (v) => (/^\S+$/.test(v) && TEXT.test(v) ? v : undefined) },
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
  { name: 'Content-Type', kind: 'header', methods: PUT, allowed: 'a media type such as text/plain', read: (v) => (/^[^\s/]+\/[^\s]/.test(v.trim()) && TEXT.test(v) ? v.trim() : undefined) },
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
const USER_META_SPEC: OptionSpec = { name: 'x-oss-meta-*', kind: 'header', methods: PUT, allowed: 'any text', read: anyText };
const BY_NAME = new Map(PRESIGN_OPTIONS.map((spec) => [spec.name.toLowerCase(), spec] as const));

/** The option names as messages list them. */
export const OPTION_NAMES = [...PRESIGN_OPTIONS.map((s) => s.name), 'x-oss-meta-<name>'];

function specOf(name: string): OptionSpec | undefined {
  const lower = name.toLowerCase();
  return BY_NAME.get(lower) ?? (USER_META.test(name) ? USER_META_SPEC : undefined);
}

function shown(value: string): string {
  return `'${value.length > 120 ? `${value.slice(0, 117)}...` : value}'`;
}

/** An instant: ISO-8601 with an offset or Z is absolute; without one it is wall time in `timezone`. */
export function parseInstant(text: string, timezone: string): number | undefined {
  const trimmed = text.trim();
  const iso = /^\d{4}-\d{2}-\d{2} \d/.test(trimmed) ? trimmed.replace(' ', 'T') : trimmed;
  const parsed = DateTime.fromISO(iso, { zone: timezone, setZone: true });
  return parsed.isValid ? parsed.toMillis() : undefined;
}

/**
 * Reads OSSDUCK_PRESIGN's options (a MAP of OSS's own option names, matched
 * without regard to case; a NULL value counts as not given). Every unknown
 * option, bad value, or option that does not apply to the method is an error
 * that names it and lists what is allowed.
 */
export function readPresignOptions(
  fn: string,
  entries: readonly (readonly [string, string | null])[],
  context: { readonly timezone: string; readonly version: SignatureVersion },
): PresignRequest {
  const values = new Map<OptionSpec | string, { name: string; value: string }>();
  for (const [name, value] of entries) {
    if (value === null) continue;
    const spec = specOf(name);
    if (!spec) throw FunctionError.invalid(fn, `unknown option ${shown(name)}; allowed options: ${OPTION_NAMES.join(', ')}`);
    const slot = spec === USER_META_SPEC ? name.toLowerCase() : spec;
    const seen = values.get(slot);
    if (seen) throw FunctionError.invalid(fn, `option ${spec === USER_META_SPEC ? name.toLowerCase() : spec.name} is given twice (as ${shown(seen.name)} and ${shown(name)})`);
    values.set(slot, { name, value });
  }
  const read = (spec: OptionSpec, name: string, value: string): string => {
    const got = spec.read(value);
    if (got === undefined) {
      const label = spec === USER_META_SPEC ? name.toLowerCase() : spec.name;
      const why = spec.name === 'x-oss-process' ? ossProcessProblem(value) ?? spec.allowed : `allowed: ${spec.allowed}`;
      const control = TEXT.test(value) ? '' : ' (it holds a control character)';
      throw FunctionError.invalid(fn, `option ${label} ${shown(value)} is not allowed${control}; ${why}`);
    }
    return got;
  };
  const control = (name: string): string | undefined => {
    const spec = BY_NAME.get(name)!;
    const given = values.get(spec);
    return given === undefined ? undefined : read(spec, given.name, given.value);
  };

  const method = (control('method') ?? 'GET') as UrlMethod;
  const ttlText = control('ttl');
  const expirationText = control('expiration');
  let expiration: number | null = null;
  if (expirationText !== undefined) {
    const instant = parseInstant(expirationText, context.timezone);
    if (instant === undefined) {
      throw FunctionError.invalid(
        fn,
        `option expiration ${shown(expirationText)} is not an instant; allowed: an ISO-8601 instant such as 2026-11-23T21:00:00+08:00, ` +
          `or a wall time such as 2026-11-23 21:00:00 read in odps.sql.timezone (${context.timezone})`,
      );
    }
    expiration = instant;
  }
  const scheme = control('scheme') as UrlForm['scheme'];
  const endpointText = control('endpoint');
  let endpoint: UrlForm['endpoint'];
  if (endpointText !== undefined) {
    const parsed = parseEndpointChoice(endpointText);
    if ('problem' in parsed) throw FunctionError.invalid(fn, `option endpoint ${shown(endpointText)} is not allowed; ${parsed.problem}`);
    endpoint = parsed.value;
  }

  const query: QueryParam[] = [];
  const headers: [string, string][] = [];
  for (const [slot, { name, value }] of values) {
    const spec = typeof slot === 'string' ? USER_META_SPEC : slot;
    if (spec.kind === 'control') continue;
    const label = typeof slot === 'string' ? slot : spec.name;
    if (spec.methods && !spec.methods.includes(method)) {
      throw FunctionError.invalid(fn, `option ${label} applies to ${spec.methods.join(' and ')} URLs only, and method is ${method}`);
    }
    const got = read(spec, name, value);
    if (spec.kind === 'query') {
      query.push([label, got]);
      continue;
    }
    if (context.version === 'v1' && ADDITIONAL_HEADERS.includes(spec.name)) {
      throw FunctionError.invalid(
        fn,
        `option ${label} cannot be signed with signature V1, which signs only Content-Type, Content-MD5 and x-oss-* headers; ` +
          'SET ossduck.signature_version=v4 to sign it',
      );
    }
    headers.push([label, got]);
  }
  headers.sort((a, b) => (a[0].toLowerCase() < b[0].toLowerCase() ? -1 : 1));
  const additionalHeaders = headers.filter(([name]) => ADDITIONAL_HEADERS.includes(name)).map(([name]) => name.toLowerCase());
  return {
    method,
    ttl: ttlText === undefined ? null : Number(ttlText),
    expiration,
    form: { scheme, endpoint },
    query,
    headers,
    additionalHeaders,
  };
}
