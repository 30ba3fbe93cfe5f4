import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseQuery } from '../oss/signing/QueryParam.js';
import type { HttpExchange } from './HttpExchange.js';
import { RequestEvidence, ossAuthOf, stsAuthOf } from './RequestRecord.js';
import type { RequestRecord, RequestVerdict } from './RequestRecord.js';
import { rawPathOf, resolveTarget } from './resolveTarget.js';

/** Bytes on a connection so far; requests on a keep-alive connection follow one another. */
function socketBytes(req: IncomingMessage): { read: number; written: number } {
  const socket = req.socket as { bytesRead?: number; bytesWritten?: number } | null;
  return { read: socket?.bytesRead ?? 0, written: socket?.bytesWritten ?? 0 };
}

/** The length of the status line and headers Node wrote (an internal, stable across Node 20+; 0 when absent). */
function headerBytes(res: ServerResponse): number {
  const head = (res as unknown as { _header?: unknown })._header;
  return typeof head === 'string' ? Buffer.byteLength(head, 'latin1') : 0;
}

function verdictOf(status: number, authenticated: boolean, service: 'oss' | 'sts'): RequestVerdict {
  const ok = status < 400;
  if (service === 'sts') return ok ? 'served' : 'refused';
  if (!authenticated) return 'refused';
  return ok ? 'served' : 'failed';
}

/**
 * Measures one request from its arrival (latency, body bytes each way) and
 * turns it, once answered, into the record request observers receive.
 */
export class RequestMeter {
  readonly #started = performance.now();
  readonly #before: { read: number; written: number };

  constructor(req: IncomingMessage) {
    this.#before = socketBytes(req);
  }

  /** The record and evidence of `ex`, answered by the OSS or the STS side. */
  finish(ex: HttpExchange, service: 'oss' | 'sts'): { record: RequestRecord; evidence: RequestEvidence } {
    const { req, res } = ex;
    const target = req.url ?? '/';
    const q = target.indexOf('?');
    const rawPath = rawPathOf(target) ?? '/';
    const query = parseQuery(q < 0 ? '' : target.slice(q + 1));
    const auth = service === 'sts' ? stsAuthOf(query, ex.headers) : ossAuthOf(query, ex.headers);
    let bucket: string | null = null;
    let key: string | null = null;
    if (service === 'oss') {
      const resolved = ex.principal?.target ?? resolveTarget(req.headers.host, rawPath);
      const first = Array.isArray(resolved) ? resolved[0] : 'code' in resolved ? undefined : resolved;
      bucket = first?.bucket ?? null;
      key = first?.key ?? null;
    }
    const after = socketBytes(req);
    const declared = Number(ex.header('content-length'));
    const bytesIn = req.complete && Number.isSafeInteger(declared) ? declared : Math.max(0, after.read - this.#before.read);
    const status = res.statusCode;
    const bodyless = ex.method === 'HEAD' || status === 204 || status === 304;
    const length = Number(res.getHeader('content-length'));
    const sent = Math.max(0, after.written - this.#before.written - headerBytes(res));
    const bytesOut = bodyless ? 0 : res.writableEnded && !res.destroyed && Number.isSafeInteger(length) ? length : sent;
    const record: RequestRecord = {
      requestId: ex.requestId,
      at: ex.nowMs,
      service,
      method: ex.method,
      bucket,
      key,
      ...(ex.principal ? { ...auth, auth: ex.principal.form, accessKeyId: ex.principal.accessKeyId } : auth),
      status,
      code: ex.errorCode ?? null,
      verdict: verdictOf(status, ex.principal !== undefined, service),
      bytesIn,
      bytesOut,
      latencyMs: Math.round((performance.now() - this.#started) * 100) / 100,
      userAgent: ex.header('user-agent') ?? null,
    };
    const scheme = 'encrypted' in req.socket ? 'https' : 'http';
    return { record, evidence: new RequestEvidence(scheme, target, ex.headers, ex.nowMs, ex.error) };
  }
}
