import type { IncomingMessage } from 'node:http';
import { parseQuery } from '../oss/signing/QueryParam.js';
import type { HttpExchange } from './HttpExchange.js';
import type { RpcParam } from './RpcSignature.js';
import type { StsService } from './StsService.js';

/** Largest STS request body read (AssumeRole forms are small). */
const MAX_STS_BODY = 64 * 1024;

function formParams(body: Buffer): RpcParam[] {
  return parseQuery(body.toString('utf8')).map(([name, value]) => [name, value ?? ''] as const);
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** STS calls name an Action (RPC) or carry x-acs-action (ACS3); a form POST to `/` is RPC too. */
export function isStsRequest(ex: HttpExchange, rawPath: string, rawQuery: string): boolean {
  if (ex.header('x-acs-action') !== undefined) return true;
  if (rawPath !== '/') return false;
  if (/(?:^|&)Action=/.test(rawQuery)) return true;
  return ex.method === 'POST' && /^application\/x-www-form-urlencoded/i.test(ex.header('content-type') ?? '');
}

/** Reads an STS request's body (64 KB at most), has the STS service answer it, and sends the answer. */
export async function serveStsRequest(ex: HttpExchange, rawPath: string, rawQuery: string, sts: StsService): Promise<void> {
  const body = await readBody(ex.req, MAX_STS_BODY);
  if (body === undefined) {
    ex.send(413, [['Content-Type', 'application/json;charset=utf-8']], JSON.stringify({ Code: 'RequestTooLarge', Message: 'The request body is too large.' }));
    return;
  }
  const isForm = /^application\/x-www-form-urlencoded/i.test(ex.header('content-type') ?? '');
  const response = sts.handle({
    method: ex.method,
    path: rawPath,
    query: parseQuery(rawQuery).map(([name, value]) => [name, value ?? ''] as const),
    form: isForm ? formParams(body) : [],
    body,
    headers: ex.headers,
    hostId: (ex.hostId.split(':')[0] ?? '') || 'sts.aliyuncs.com',
    nowMs: ex.nowMs,
  });
  ex.errorCode = response.code;
  const bytes = Buffer.from(response.body, 'utf8');
  ex.res.statusCode = response.status;
  ex.res.setHeader('Content-Type', response.contentType);
  ex.res.setHeader('Content-Length', bytes.length);
  ex.res.setHeader('x-acs-request-id', response.requestId);
  ex.res.end(bytes);
}
