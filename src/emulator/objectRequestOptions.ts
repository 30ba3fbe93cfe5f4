import { OssLimits } from '../oss/OssLimits.js';
import { ossProcessProblem } from '../oss/ossProcessProblem.js';
import type { QueryParam } from '../oss/signing/QueryParam.js';
import type { HeaderList } from '../oss/signing/SignatureV4.js';
import { OssServiceError } from '../oss/verify/OssServiceError.js';
import { queryValue as param } from '../oss/signing/QueryParam.js';
import { headerValue as header } from '../oss/signing/headerValue.js';

/** What an object request asks for beyond the plain operation. */
export interface ObjectRequestOptions {
  /** x-oss-traffic-limit, bit/s. */
  readonly trafficLimit: number | undefined;
  /** versionId: the version to read (GET, HEAD). */
  readonly versionId: string | undefined;
}

/**
 * Reads and checks the options of an authenticated object request: the
 * traffic limit (query or header, 819200..838860800 bit/s), the request payer
 * (`requester`), the version to read (GET and HEAD only), and x-oss-process.
 * The emulator does not run data processing: a well-formed x-oss-process is
 * answered 501 NotImplemented rather than with the unprocessed object, which
 * would pass for a processed one; a malformed one is 400 InvalidArgument.
 */
export function objectRequestOptions(method: string, query: readonly QueryParam[], headers: HeaderList): ObjectRequestOptions | OssServiceError {
  let trafficLimit: number | undefined;
  const limit = param(query, 'x-oss-traffic-limit') ?? header(headers, 'x-oss-traffic-limit');
  if (limit !== undefined) {
    const value = /^\s*\d{1,12}\s*$/.test(limit) ? Number(limit.trim()) : NaN;
    if (!(value >= OssLimits.minTrafficLimit && value <= OssLimits.maxTrafficLimit)) {
      return OssServiceError.invalidArgument(
        'x-oss-traffic-limit',
        limit,
        `x-oss-traffic-limit must be an integer from ${OssLimits.minTrafficLimit} to ${OssLimits.maxTrafficLimit} (bit/s).`,
      );
    }
    trafficLimit = value;
  }
  const payer = param(query, 'x-oss-request-payer') ?? header(headers, 'x-oss-request-payer');
  if (payer !== undefined && payer.trim().toLowerCase() !== 'requester') {
    return OssServiceError.invalidArgument('x-oss-request-payer', payer, 'x-oss-request-payer must be requester.');
  }
  const versionId = param(query, 'versionId');
  if (versionId !== undefined) {
    if (versionId === '') return OssServiceError.invalidArgument('versionId', versionId, 'versionId must not be empty.');
    if (method !== 'GET' && method !== 'HEAD') return OssServiceError.notImplemented(`${method} of one version of an object (versionId)`);
  }
  const process = param(query, 'x-oss-process');
  if (process !== undefined) {
    const problem = method === 'GET' || method === 'HEAD' ? ossProcessProblem(process) : undefined;
    if (problem !== undefined) return OssServiceError.invalidArgument('x-oss-process', process, `Invalid x-oss-process: ${problem}.`);
    return OssServiceError.notImplemented(
      `data processing (x-oss-process=${process}): the request was authenticated, but the emulator serves objects only as stored`,
    );
  }
  return { trafficLimit, versionId };
}
