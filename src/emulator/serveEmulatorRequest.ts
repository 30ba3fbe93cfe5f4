import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { OssServiceError } from '../oss/verify/OssServiceError.js';
import type { EmulatorConsole } from './console/EmulatorConsole.js';
import { HttpExchange } from './HttpExchange.js';
import { newRequestId } from './newRequestId.js';
import type { OssHandler } from './OssHandler.js';
import { RequestMeter } from './RequestMeter.js';
import type { RequestObserver } from './RequestRecord.js';
import { rawPathOf } from './resolveTarget.js';
import { isStsRequest, serveStsRequest } from './serveStsRequest.js';
import type { StsService } from './StsService.js';

/** Where the emulator's requests go, and what it does around each one. */
export interface EmulatorRoutes {
  readonly oss: OssHandler;
  readonly sts: StsService;
  /** The web console, when it is on. */
  readonly web: EmulatorConsole | undefined;
  readonly observers: readonly RequestObserver[];
  /** A fixed delay, in ms, before every OSS and STS request is answered. */
  readonly latencyMs: number | undefined;
  readonly clock: () => number;
  readonly log: (line: string) => void;
}

/**
 * Answers one request: the console's own pages, an STS call, or an OSS
 * request; an unexpected failure is logged and answered with OSS's
 * InternalError. Then logs the request (its path, never its query) and
 * tells the observers of it.
 */
export async function serveEmulatorRequest(routes: EmulatorRoutes, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { web, log, observers } = routes;
  const requestTarget = req.url ?? '/';
  const rawPath = rawPathOf(requestTarget);
  // The console is not OSS: never delayed, never recorded.
  if (web?.serves(rawPath)) return web.handle(req, res);
  const meter = new RequestMeter(req);
  if (routes.latencyMs) await delay(routes.latencyMs);
  const ex = new HttpExchange(req, res, newRequestId(), routes.clock());
  let service: 'oss' | 'sts' = 'oss';
  const q = requestTarget.indexOf('?');
  const rawQuery = q < 0 ? '' : requestTarget.slice(q + 1);
  try {
    if (rawPath === undefined) {
      ex.sendError(OssServiceError.invalidUri());
    } else if (isStsRequest(ex, rawPath, rawQuery)) {
      service = 'sts';
      await serveStsRequest(ex, rawPath, rawQuery, routes.sts);
    } else {
      await routes.oss.handle(ex, rawPath, rawQuery);
    }
  } catch (error) {
    log(`${ex.method} ${rawPath ?? '(unreadable request target)'}: internal error ${(error as Error).stack ?? String(error)}`);
    if (!res.headersSent) ex.sendError(OssServiceError.internal());
    else res.destroy();
  } finally {
    if (!req.readableEnded && !req.destroyed) req.resume();
  }
  // The path only: a query string can hold signatures and security tokens.
  log(`${ex.method} ${rawPath ?? '(unreadable request target)'} ${res.statusCode} ${ex.requestId}`);
  if (observers.length > 0) {
    const { record, evidence } = meter.finish(ex, service);
    for (const observer of observers) {
      try {
        observer.requestFinished(record, evidence);
      } catch (error) {
        log(`request observer failed: ${(error as Error).message}`);
      }
    }
  }
}
