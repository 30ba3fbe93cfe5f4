import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { HeaderList } from '../oss/signing/SignatureV4.js';
import { ACS3_ALGORITHM, acs3CanonicalRequest, acs3Signature, acs3StringToSign, parseAcs3Authorization } from './Acs3Signature.js';
import { rpcSignature, rpcStringToSign } from './RpcSignature.js';
import type { RpcParam } from './RpcSignature.js';
import type { TemporaryCredentialIssuer } from './TemporaryCredentialIssuer.js';

/** An STS request as the HTTP layer hands it over: decoded parameters, headers as sent. */
export interface StsRequest {
  readonly method: string;
  /** The raw path, `/` for every STS call. */
  readonly path: string;
  readonly query: readonly RpcParam[];
  /** Parameters of an `application/x-www-form-urlencoded` body. */
  readonly form: readonly RpcParam[];
  readonly body: Buffer;
  readonly headers: HeaderList;
  readonly hostId: string;
  readonly nowMs: number;
}

export interface StsResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  readonly requestId: string;
  /** The POP error code, on an error. */
  readonly code?: string;
}

export interface StsAccount {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly accountId: string;
}

/** An STS error: HTTP status, POP code and message. */
export interface StsFault {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

const VERSION = '2015-04-01';
export const MIN_DURATION = 900;
export const MAX_DURATION = 43200;
const DEFAULT_DURATION = 3600;
const MAX_POLICY_BYTES = 2048;
const NONCE_WINDOW_MS = 15 * 60 * 1000;
const ROLE_ARN = /^acs:ram::(\d+):role\/([A-Za-z0-9._-]{1,64})$/;
const SESSION_NAME = /^[A-Za-z0-9.@_-]{2,64}$/;
const RPC_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,3})?Z$/;

const fault = (status: number, code: string, message: string): StsFault => ({ status, code, message });

export const StsFaults = {
  missing: (name: string) => fault(400, `Missing${name}`, `${name} is mandatory for this action.`),
  actionOrVersion: () => fault(400, 'InvalidParameter', 'The specified parameter "Action or Version" is not valid.'),
  noSuchAction: () => fault(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.'),
  signatureMethod: () => fault(400, 'InvalidSignatureMethod', 'Specified signature method is not supported.'),
  timestampMissing: () => fault(400, 'IllegalTimestamp', 'The input parameter "Timestamp" that is mandatory for processing this request is not supplied.'),
  timestampInvalid: () => fault(400, 'IllegalTimestamp', 'The input parameter "Timestamp" is not a valid UTC time such as 2015-04-09T11:52:19Z.'),
  timestampExpired: () => fault(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.'),
  nonceUsed: () => fault(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.'),
  accessKeyNotFound: () => fault(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.'),
  tokenMalformed: () => fault(400, 'InvalidSecurityToken.Malformed', 'Specified SecurityToken is malformed.'),
  tokenExpired: () => fault(400, 'InvalidSecurityToken.Expired', 'Specified SecurityToken is expired.'),
  tokenMismatch: () => fault(400, 'InvalidSecurityToken.MismatchWithAccessKey', 'Specified SecurityToken mismatch with the AccessKey.'),
  rpcSignature: (stringToSign: string) =>
    fault(400, 'SignatureDoesNotMatch', `Specified signature is not matched with our calculation. server string to sign is:${stringToSign}`),
  acs3Signature: (stringToSign: string) =>
    fault(400, 'SignatureDoesNotMatch', `Specified signature does not match our calculation. server StringToSign is [${stringToSign}]`),
  acs3Payload: () => fault(400, 'SignatureDoesNotMatch', 'The x-acs-content-sha256 header does not match the SHA-256 of the request body.'),
  incompleteSignature: (detail: string) => fault(400, 'IncompleteSignature', `The request signature does not conform to Aliyun standards: ${detail}`),
  roleArn: () => fault(400, 'InvalidParameter.RoleArn', 'The parameter RoleArn is wrongly formed.'),
  roleSessionName: () => fault(400, 'InvalidParameter.RoleSessionName', 'The parameter RoleSessionName is wrongly formed.'),
  duration: () => fault(400, 'InvalidParameter.DurationSeconds', 'The Min/Max value of DurationSeconds is 15min/12hr.'),
  policyGrammar: () => fault(400, 'InvalidParameter.PolicyGrammar', 'The parameter Policy has not passed grammar check.'),
  policySize: () => fault(400, 'InvalidParameter.PolicySize', `The size of Policy must be smaller than ${MAX_POLICY_BYTES} bytes.`),
} as const;

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

function first(params: readonly RpcParam[], name: string): string | undefined {
  for (const [n, v] of params) if (n === name) return v;
  return undefined;
}

function header(headers: HeaderList, name: string): string | undefined {
  for (const [n, v] of headers) if (n.toLowerCase() === name) return v.trim();
  return undefined;
}

/** `2015-04-09T11:52:19Z`: how STS writes Expiration. */
export function stsExpiration(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function parseTimestamp(text: string): number | undefined {
  const m = RPC_TIMESTAMP.exec(text);
  if (!m) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Who called, once the signature checks out. */
interface Caller {
  readonly accessKeyId: string;
}

/**
 * The emulated STS endpoint: AssumeRole in the RPC form (HMAC-SHA1, GET query
 * or POST form, or both mixed as `@alicloud/credentials` sends it) and in the
 * ACS3-HMAC-SHA256 header form, checked against the emulator account's secret
 * (or, for role chaining, a temporary secret with its token). Answers are JSON
 * (XML with `Format=XML`) in STS's shapes; errors carry POP codes.
 */
export class StsService {
  readonly #account: StsAccount;
  readonly #issuer: TemporaryCredentialIssuer;
  /** Nonces seen in the last 15 minutes, oldest first. */
  readonly #nonces = new Map<string, number>();

  constructor(account: StsAccount, issuer: TemporaryCredentialIssuer) {
    this.#account = account;
    this.#issuer = issuer;
  }

  handle(request: StsRequest): StsResponse {
    const requestId = randomUUID().toUpperCase();
    const params = [...request.query, ...request.form];
    const xml = (first(params, 'Format') ?? '').toUpperCase() === 'XML';
    const outcome = this.#process(request, params);
    if ('code' in outcome) return errorResponse(outcome, requestId, request.hostId, xml);
    return successResponse(outcome.result, requestId, xml);
  }

  #process(request: StsRequest, params: readonly RpcParam[]): { result: Record<string, unknown> } | StsFault {
    const authorization = header(request.headers, 'authorization');
    let action: string | undefined;
    let version: string | undefined;
    let caller: Caller | StsFault;
    if (authorization?.startsWith(`${ACS3_ALGORITHM} `)) {
      action = header(request.headers, 'x-acs-action');
      version = header(request.headers, 'x-acs-version');
      const known = this.#checkActionAndVersion(action, version);
      if (known) return known;
      caller = this.#verifyAcs3(request, authorization);
    } else {
      action = first(params, 'Action');
      version = first(params, 'Version');
      const known = this.#checkActionAndVersion(action, version);
      if (known) return known;
      caller = this.#verifyRpc(request, params);
    }
    if ('code' in caller) return caller;
    return this.#assumeRole(params, request.nowMs);
  }

  #checkActionAndVersion(action: string | undefined, version: string | undefined): StsFault | undefined {
    if (action === undefined || action === '' || version !== VERSION) return StsFaults.actionOrVersion();
    if (action !== 'AssumeRole') return StsFaults.noSuchAction();
    return undefined;
  }

  #checkTimeAndNonce(timestamp: string | undefined, nonce: string | undefined, nowMs: number): StsFault | undefined {
    if (timestamp === undefined || timestamp === '') return StsFaults.timestampMissing();
    const at = parseTimestamp(timestamp);
    if (at === undefined) return StsFaults.timestampInvalid();
    if (Math.abs(nowMs - at) > NONCE_WINDOW_MS) return StsFaults.timestampExpired();
    if (nonce === undefined || nonce === '') return StsFaults.missing('SignatureNonce');
    for (const [seen, atMs] of this.#nonces) {
      if (atMs >= nowMs - NONCE_WINDOW_MS && atMs <= nowMs + NONCE_WINDOW_MS) break;
      this.#nonces.delete(seen);
    }
    if (this.#nonces.has(nonce)) return StsFaults.nonceUsed();
    return undefined;
  }

  /** The caller's secret: the account's, or a temporary one proven by its token. */
  #secretOf(accessKeyId: string, token: string | undefined, nowMs: number): string | StsFault {
    if (token === undefined || token === '') {
      return accessKeyId === this.#account.accessKeyId ? this.#account.accessKeySecret : StsFaults.accessKeyNotFound();
    }
    const grant = this.#issuer.verify(token);
    if (!grant) return StsFaults.tokenMalformed();
    if (grant.accessKeyId !== accessKeyId) return StsFaults.tokenMismatch();
    if (nowMs >= grant.expiresAtMs) return StsFaults.tokenExpired();
    return this.#issuer.secretOf(accessKeyId);
  }

  #verifyRpc(request: StsRequest, params: readonly RpcParam[]): Caller | StsFault {
    const accessKeyId = first(params, 'AccessKeyId');
    const signature = first(params, 'Signature');
    const method = first(params, 'SignatureMethod');
    if (method !== 'HMAC-SHA1') return method === undefined ? StsFaults.missing('SignatureMethod') : StsFaults.signatureMethod();
    if (first(params, 'SignatureVersion') !== '1.0') return StsFaults.missing('SignatureVersion');
    const timeFault = this.#checkTimeAndNonce(first(params, 'Timestamp'), first(params, 'SignatureNonce'), request.nowMs);
    if (timeFault) return timeFault;
    if (!accessKeyId) return StsFaults.missing('AccessKeyId');
    if (!signature) return StsFaults.missing('Signature');
    const secret = this.#secretOf(accessKeyId, first(params, 'SecurityToken'), request.nowMs);
    if (typeof secret !== 'string') return secret;
    const stringToSign = rpcStringToSign(request.method, params);
    if (!sameText(rpcSignature(secret, stringToSign), signature)) return StsFaults.rpcSignature(stringToSign);
    this.#nonces.set(first(params, 'SignatureNonce') ?? '', request.nowMs);
    return { accessKeyId };
  }

  #verifyAcs3(request: StsRequest, authorization: string): Caller | StsFault {
    const parsed = parseAcs3Authorization(authorization);
    if (!parsed) return StsFaults.incompleteSignature('expected Credential, SignedHeaders and Signature');
    const signed = new Set(parsed.signedHeaders);
    for (const [name] of request.headers) {
      const lower = name.toLowerCase();
      if ((lower.startsWith('x-acs-') || lower === 'host') && !signed.has(lower)) return StsFaults.incompleteSignature(`header ${lower} is not signed`);
    }
    const nonce = header(request.headers, 'x-acs-signature-nonce');
    const timeFault = this.#checkTimeAndNonce(header(request.headers, 'x-acs-date'), nonce, request.nowMs);
    if (timeFault) return timeFault;
    const payloadHash = header(request.headers, 'x-acs-content-sha256') ?? '';
    if (payloadHash !== createHash('sha256').update(request.body).digest('hex')) return StsFaults.acs3Payload();
    const token = header(request.headers, 'x-acs-security-token');
    if (token !== undefined && header(request.headers, 'x-acs-accesskey-id') !== parsed.accessKeyId) return StsFaults.tokenMismatch();
    const secret = this.#secretOf(parsed.accessKeyId, token, request.nowMs);
    if (typeof secret !== 'string') return secret;
    const canonical = acs3CanonicalRequest(request.method, request.path, request.query, request.headers, parsed.signedHeaders, payloadHash);
    const stringToSign = acs3StringToSign(canonical);
    if (!sameText(acs3Signature(secret, stringToSign), parsed.signature)) return StsFaults.acs3Signature(stringToSign);
    this.#nonces.set(nonce ?? '', request.nowMs);
    return { accessKeyId: parsed.accessKeyId };
  }

  #assumeRole(params: readonly RpcParam[], nowMs: number): { result: Record<string, unknown> } | StsFault {
    const roleArn = first(params, 'RoleArn');
    const sessionName = first(params, 'RoleSessionName');
    const duration = first(params, 'DurationSeconds');
    const policy = first(params, 'Policy');
    if (roleArn === undefined || roleArn === '') return StsFaults.missing('RoleArn');
    const arn = ROLE_ARN.exec(roleArn);
    if (!arn) return StsFaults.roleArn();
    if (sessionName === undefined || sessionName === '') return StsFaults.missing('RoleSessionName');
    if (!SESSION_NAME.test(sessionName)) return StsFaults.roleSessionName();
    let seconds = DEFAULT_DURATION;
    if (duration !== undefined && duration !== '') {
      if (!/^\d{1,6}$/.test(duration)) return StsFaults.duration();
      seconds = Number(duration);
      if (seconds < MIN_DURATION || seconds > MAX_DURATION) return StsFaults.duration();
    }
    if (policy !== undefined && policy !== '') {
      if (Buffer.byteLength(policy, 'utf8') > MAX_POLICY_BYTES) return StsFaults.policySize();
      try {
        const parsed: unknown = JSON.parse(policy);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return StsFaults.policyGrammar();
      } catch {
        return StsFaults.policyGrammar();
      }
    }
    const expiresAtMs = Math.floor(nowMs / 1000) * 1000 + seconds * 1000;
    const issued = this.#issuer.issue(roleArn, sessionName, expiresAtMs);
    const [, accountId = '', roleName = ''] = arn;
    const roleId = (BigInt(`0x${createHash('sha256').update(roleArn).digest('hex').slice(0, 16)}`) % 10n ** 17n).toString().padStart(17, '0');
    const result = {
      Credentials: {
        AccessKeyId: issued.accessKeyId,
        AccessKeySecret: issued.accessKeySecret,
        Expiration: stsExpiration(expiresAtMs),
        SecurityToken: issued.securityToken,
      },
      AssumedRoleUser: {
        Arn: `acs:ram::${accountId}:role/${roleName.toLowerCase()}/${sessionName}`,
        AssumedRoleId: `${roleId}:${sessionName}`,
      },
    };
    return { result };
  }
}

function escape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function toXml(name: string, value: unknown): string {
  if (value !== null && typeof value === 'object') {
    return `<${name}>${Object.entries(value).map(([k, v]) => toXml(k, v)).join('')}</${name}>`;
  }
  return `<${name}>${escape(String(value))}</${name}>`;
}

function successResponse(result: Record<string, unknown>, requestId: string, xml: boolean): StsResponse {
  const body = { ...result, RequestId: requestId };
  if (xml) {
    return {
      status: 200,
      requestId,
      contentType: 'text/xml;charset=utf-8',
      body: `<?xml version='1.0' encoding='UTF-8'?>${toXml('AssumeRoleResponse', { RequestId: requestId, ...result })}`,
    };
  }
  return { status: 200, requestId, contentType: 'application/json;charset=utf-8', body: JSON.stringify(body) };
}

function errorResponse(error: StsFault, requestId: string, hostId: string, xml: boolean): StsResponse {
  const body = {
    RequestId: requestId,
    HostId: hostId,
    Code: error.code,
    Message: error.message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${error.code}&product=Sts&requestId=${requestId}`,
  };
  if (xml) {
    return { status: error.status, requestId, code: error.code, contentType: 'text/xml;charset=utf-8', body: `<?xml version='1.0' encoding='UTF-8'?>${toXml('Error', body)}` };
  }
  return { status: error.status, requestId, code: error.code, contentType: 'application/json;charset=utf-8', body: JSON.stringify(body) };
}
