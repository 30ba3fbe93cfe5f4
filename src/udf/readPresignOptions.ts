import type { UrlMethod } from '../catalog/TableUrlProperties.js';
import { ossProcessProblem } from '../oss/ossProcessProblem.js';
import type { QueryParam } from '../oss/signing/QueryParam.js';
import type { SignatureVersion } from '../oss/signing/Presigner.js';
import { parseEndpointChoice } from '../oss/UrlForm.js';
import type { UrlForm } from '../oss/UrlForm.js';
import { FunctionError } from './FunctionError.js';
import { parseInstant } from './parseInstant.js';
import { ADDITIONAL_HEADERS, OPTION_NAMES, PRINTABLE, presignOptionSpec, USER_META_SPEC } from './PresignOptions.js';
import type { OptionSpec } from './PresignOptions.js';

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

interface Context {
  readonly timezone: string;
  readonly version: SignatureVersion;
}

/** The options given, by spec (a user metadata header: by its lower-case name), as the caller spelled them. */
type GivenOptions = Map<OptionSpec | string, { name: string; value: string }>;

function shown(value: string): string {
  return `'${value.length > 120 ? `${value.slice(0, 117)}...` : value}'`;
}

/** The given options, NULL values left out; an unknown option or one given twice is an error. */
function givenOptions(fn: string, entries: readonly (readonly [string, string | null])[]): GivenOptions {
  const values: GivenOptions = new Map();
  for (const [name, value] of entries) {
    if (value === null) continue;
    const spec = presignOptionSpec(name);
    if (!spec) throw FunctionError.invalid(fn, `unknown option ${shown(name)}; allowed options: ${OPTION_NAMES.join(', ')}`);
    const slot = spec === USER_META_SPEC ? name.toLowerCase() : spec;
    const seen = values.get(slot);
    if (seen) throw FunctionError.invalid(fn, `option ${spec === USER_META_SPEC ? name.toLowerCase() : spec.name} is given twice (as ${shown(seen.name)} and ${shown(name)})`);
    values.set(slot, { name, value });
  }
  return values;
}

/** The value `spec` makes of `value`; a value it does not allow is an error naming the option and what it allows. */
function readValue(fn: string, spec: OptionSpec, name: string, value: string): string {
  const got = spec.read(value);
  if (got === undefined) {
    const label = spec === USER_META_SPEC ? name.toLowerCase() : spec.name;
    const why = spec.name === 'x-oss-process' ? ossProcessProblem(value) ?? spec.allowed : `allowed: ${spec.allowed}`;
    const control = PRINTABLE.test(value) ? '' : ' (it holds a control character)';
    throw FunctionError.invalid(fn, `option ${label} ${shown(value)} is not allowed${control}; ${why}`);
  }
  return got;
}

/** The control options: method, ttl, expiration, scheme and endpoint. */
function readControls(fn: string, values: GivenOptions, context: Context): Pick<PresignRequest, 'method' | 'ttl' | 'expiration' | 'form'> {
  const control = (name: string): string | undefined => {
    const spec = presignOptionSpec(name)!;
    const given = values.get(spec);
    return given === undefined ? undefined : readValue(fn, spec, given.name, given.value);
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
  return { method, ttl: ttlText === undefined ? null : Number(ttlText), expiration, form: { scheme, endpoint } };
}

/** The signed options: query parameters and headers, each checked against the method and the signature version. */
function readSigned(fn: string, values: GivenOptions, method: UrlMethod, context: Context): Pick<PresignRequest, 'query' | 'headers' | 'additionalHeaders'> {
  const query: QueryParam[] = [];
  const headers: [string, string][] = [];
  for (const [slot, { name, value }] of values) {
    const spec = typeof slot === 'string' ? USER_META_SPEC : slot;
    if (spec.kind === 'control') continue;
    const label = typeof slot === 'string' ? slot : spec.name;
    if (spec.methods && !spec.methods.includes(method)) {
      throw FunctionError.invalid(fn, `option ${label} applies to ${spec.methods.join(' and ')} URLs only, and method is ${method}`);
    }
    const got = readValue(fn, spec, name, value);
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
  return { query, headers, additionalHeaders };
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
  context: Context,
): PresignRequest {
  const values = givenOptions(fn, entries);
  const controls = readControls(fn, values, context);
  return { ...controls, ...readSigned(fn, values, controls.method, context) };
}
