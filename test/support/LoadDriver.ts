import { createHash } from 'node:crypto';
import { Agent, request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';

/** One request of a load run: method, URL (presigned), and an optional body. */
export interface LoadRequest {
  readonly method: 'GET' | 'PUT' | 'HEAD';
  readonly url: string;
  readonly body?: Buffer | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/** What one answered request looked like, for checks beyond the status. */
export interface LoadResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** MD5 of the body (hex, upper case), computed while it streamed by. */
  readonly md5: string;
  readonly bytes: number;
}

export interface LoadFigures {
  readonly requests: number;
  readonly concurrency: number;
  /** Requests whose status was not the expected one, or that failed on the wire, or that `check` refused. */
  readonly errors: number;
  /** The first few error descriptions. */
  readonly errorSamples: readonly string[];
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly bytes: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const at = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[at]!;
}

/**
 * Sends `total` requests with `concurrency` in flight at once over keep-alive
 * connections (one per request in flight), reads every body through an MD5
 * (never holding it), and times each request. `next(i)` gives request i;
 * `check` may refuse a response (an error description) beyond its status.
 */
export async function runLoad(options: {
  readonly total: number;
  readonly concurrency: number;
  readonly next: (i: number) => LoadRequest;
  readonly expectStatus?: number;
  readonly check?: (i: number, response: LoadResponse) => string | undefined;
  readonly timeoutMs?: number;
}): Promise<LoadFigures> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const latencies: number[] = [];
  const errors: string[] = [];
  let bytes = 0;
  let issued = 0;
  const started = performance.now();
  const one = (i: number): Promise<void> =>
    new Promise((resolve) => {
      const spec = options.next(i);
      const t0 = performance.now();
      const url = new URL(spec.url);
      const headers: Record<string, string> = { ...spec.headers };
      if (spec.body !== undefined) headers['Content-Length'] = String(spec.body.length);
      const fail = (why: string): void => {
        errors.push(`#${i} ${spec.method} ${url.pathname}: ${why}`);
        resolve();
      };
      const req = request(
        { agent, host: url.hostname, port: url.port, method: spec.method, path: rawPath(spec.url), headers, timeout: options.timeoutMs ?? 30_000 },
        (res) => {
          const md5 = createHash('md5');
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            md5.update(chunk);
            size += chunk.length;
          });
          res.on('error', (e) => fail(e.message));
          res.on('end', () => {
            latencies.push(performance.now() - t0);
            bytes += size;
            const response: LoadResponse = { status: res.statusCode ?? 0, headers: res.headers, md5: md5.digest('hex').toUpperCase(), bytes: size };
            if (response.status !== (options.expectStatus ?? 200)) return fail(`HTTP ${response.status}`);
            const refused = options.check?.(i, response);
            if (refused !== undefined) return fail(refused);
            resolve();
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', (e) => fail(e.message));
      req.end(spec.body);
    });
  const worker = async (): Promise<void> => {
    while (issued < options.total) await one(issued++);
  };
  try {
    await Promise.all(Array.from({ length: Math.min(options.concurrency, options.total) }, worker));
  } finally {
    agent.destroy();
  }
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: options.total,
    concurrency: options.concurrency,
    errors: errors.length,
    errorSamples: errors.slice(0, 5),
    seconds,
    requestsPerSecond: options.total / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies[latencies.length - 1] ?? 0,
    bytes,
  };
}

/** The path and query of an absolute URL exactly as written (URL would resolve dot segments such as `/bkt/../x`). */
function rawPath(url: string): string {
  return url.slice(url.indexOf('/', url.indexOf('//') + 2));
}
