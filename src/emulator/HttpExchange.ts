import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatHttpDate } from '../oss/signing/HeaderSigner.js';
import type { HeaderList } from '../oss/signing/SignatureV4.js';
import type { Principal } from '../oss/verify/authenticateOssRequest.js';
import type { OssServiceError } from '../oss/verify/OssServiceError.js';
import { announcesBody } from './SlowClientGuard.js';

/**
 * Header text as the bytes on the wire mean it. Node reads header bytes as
 * Latin-1; SDKs send UTF-8 (an `x-oss-meta-*` value in Chinese, say) and sign
 * the UTF-8 text, so a value whose bytes are valid UTF-8 is read as UTF-8.
 */
export function headerText(latin1: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[\u0080-\u00ff]/.test(latin1)) return latin1;
  const bytes = Buffer.from(latin1, 'latin1');
  const text = bytes.toString('utf8');
  return Buffer.from(text, 'utf8').equals(bytes) ? text : latin1;
}

/** The inverse of `headerText`: a string Node writes as the UTF-8 bytes of `text`. */
export function wireHeader(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

/** Whether a value can go into a response header (no CR, LF or NUL). */
export function isSafeHeaderValue(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return !/[\r\n\u0000]/.test(text);
}

/** One request and its response, with what every OSS answer carries. */
export class HttpExchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly requestId: string;
  readonly nowMs: number;
  readonly method: string;
  /** The request headers as sent, repeated names kept, values read as UTF-8 where they are. */
  readonly headers: HeaderList;
  /** Who the signature proved, once authenticated; read by request observers. */
  principal: Principal | undefined;
  /** The error code answered (OSS or STS), if any; read by request observers. */
  errorCode: string | undefined;
  /** The OSS error answered, if any. */
  error: OssServiceError | undefined;
  readonly #started: number;

  constructor(req: IncomingMessage, res: ServerResponse, requestId: string, nowMs: number) {
    this.req = req;
    this.res = res;
    this.requestId = requestId;
    this.nowMs = nowMs;
    this.method = (req.method ?? 'GET').toUpperCase();
    const headers: [string, string][] = [];
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i]!, headerText(req.rawHeaders[i + 1]!)]);
    this.headers = headers;
    this.#started = performance.now();
  }

  /** The first value of a request header, or undefined. */
  header(name: string): string | undefined {
    const lower = name.toLowerCase();
    for (const [n, v] of this.headers) if (n.toLowerCase() === lower) return v;
    return undefined;
  }

  /** The Host header as sent: OSS's HostId. */
  get hostId(): string {
    return this.req.headers.host ?? '';
  }

  /** Starts a response with OSS's common headers plus `headers`. */
  begin(status: number, headers: readonly (readonly [string, string | number])[]): void {
    const res = this.res;
    res.statusCode = status;
    res.sendDate = false;
    res.setHeader('Server', 'AliyunOSS');
    res.setHeader('Date', formatHttpDate(Math.floor(this.nowMs / 1000)));
    res.setHeader('x-oss-request-id', this.requestId);
    // A body not (fully) received is not waited for: the connection closes after this answer.
    if (!this.req.complete && announcesBody(this.req)) res.setHeader('Connection', 'close');
    res.setHeader('x-oss-server-time', String(Math.max(0, Math.round(performance.now() - this.#started))));
    for (const [name, value] of headers) res.setHeader(name, typeof value === 'number' ? String(value) : wireHeader(value));
  }

  /** A complete response with a (possibly empty) body; HEAD responses keep the headers only. */
  send(status: number, headers: readonly (readonly [string, string | number])[], body = ''): void {
    const bytes = Buffer.from(body, 'utf8');
    this.begin(status, [...headers, ['Content-Length', bytes.length]]);
    if (this.method === 'HEAD' || status === 204 || status === 304) this.res.end();
    else this.res.end(bytes);
  }

  sendXml(status: number, xml: string): void {
    this.send(status, [['Content-Type', 'application/xml']], xml);
  }

  /**
   * An OSS error: the XML body with `x-oss-ec`; for HEAD, no body and the
   * XML base64-encoded in `x-oss-err`, as OSS does.
   */
  sendError(error: OssServiceError): void {
    this.error = error;
    this.errorCode = error.code;
    const xml = error.toXml(this.requestId, this.hostId);
    const headers: [string, string][] = [
      ['Content-Type', 'application/xml'],
      ['x-oss-ec', error.ec],
      ...error.headers.map(([n, v]) => [n, v] as [string, string]),
    ];
    if (this.method === 'HEAD') {
      headers.push(['x-oss-err', Buffer.from(xml, 'utf8').toString('base64')]);
      this.begin(error.status, [...headers, ['Content-Length', 0]]);
      this.res.end();
      return;
    }
    this.send(error.status, headers, xml);
  }
}
