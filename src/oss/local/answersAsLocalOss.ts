import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Credentials } from '../Credentials.js';
import { signHeaderV4 } from '../signing/HeaderSigner.js';

/** Most of a ListBuckets answer read to recognise it. */
const MAX_BODY = 64 * 1024;

/**
 * Whether `origin` answers as an OSS that holds `account`: a ListBuckets
 * request (GET /) signed with the account gets `200` and a
 * ListAllMyBucketsResult. Another server, a server with another account, no
 * server and no answer within `timeoutMs` all give false.
 */
export function answersAsLocalOss(origin: string, account: Credentials, timeoutMs: number): Promise<boolean> {
  let url: URL;
  try {
    url = new URL('/', origin);
  } catch {
    return Promise.resolve(false);
  }
  const signed = signHeaderV4({ method: 'GET' }, { credentials: account, signTime: Math.floor(Date.now() / 1000), region: 'cn-hangzhou' });
  const request = url.protocol === 'https:' ? httpsRequest : url.protocol === 'http:' ? httpRequest : undefined;
  if (!request) return Promise.resolve(false);
  return new Promise((resolve) => {
    const req = request(url, { method: 'GET', headers: Object.fromEntries(signed.headers), timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
        if (body.length > MAX_BODY) res.destroy();
      });
      res.on('close', () => resolve(res.statusCode === 200 && body.includes('<ListAllMyBucketsResult')));
      res.on('error', () => resolve(false));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}
