import { ANY, BIGINT, DuckDBDecimalValue, DuckDBTimestampTZValue, TIMESTAMPTZ, VARCHAR } from '@duckdb/node-api';
import type { DuckDBDataChunk, DuckDBTableFunction, DuckDBValue } from '@duckdb/node-api';
import { MAX_URL_TTL, MIN_URL_TTL, URL_METHODS } from '../catalog/TableUrlProperties.js';
import type { UrlMethod } from '../catalog/TableUrlProperties.js';
import type { BucketTarget, ObjectSummary } from '../oss/OssClient.js';
import type { BridgeListing } from '../oss/bridge/SyncBridge.js';
import { isListedObject } from '../oss/isListedObject.js';
import { VECTOR_SIZE } from '../vectorSize.js';
import { Presigner } from '../oss/signing/Presigner.js';
import { FunctionError } from './FunctionError.js';
import { KeyFilter } from './KeyFilter.js';
import { resolvePresignLocation } from './resolvePresignLocation.js';
import type { FunctionContext, IssuedUrls, UrlIssue } from './FunctionContext.js';
import { tableFunction } from './tableFunction.js';
import type { TableFunctionUsage } from './tableFunction.js';
import { TableUrlPolicy } from './TableUrlPolicy.js';
import { urlLifetime } from './urlLifetime.js';

export const OSS_PRESIGN_PREFIX = 'oss_presign_prefix';
const FN = OSS_PRESIGN_PREFIX;

const USAGE =
  "call it as oss_presign_prefix('project.schema.table' or 'oss://endpoint/bucket/prefix/', ttl := 3600, method := 'GET', include := '*.txt', exclude := NULL)";

/** The named parameters, in the order the documentation gives them (ttl uncast: see ttlParameter). */
const NAMED_PARAMETERS = { ttl: ANY, method: VARCHAR, include: VARCHAR, exclude: VARCHAR };

/** How oss_presign_prefix is called, for the calls DuckDB cannot match to it. */
export const OSS_PRESIGN_PREFIX_USAGE: TableFunctionUsage = {
  name: FN,
  positional: [{ name: 'location', type: 'STRING' }],
  named: Object.keys(NAMED_PARAMETERS),
  usage: USAGE,
};

/** Text shown in a message, cut to 40 characters. */
function shortText(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** A `ttl :=` value that is not a whole number, as messages show it. */
function describeValue(value: DuckDBValue): string {
  if (value instanceof DuckDBDecimalValue) return `DECIMAL(${value.width},${value.scale}) ${value.toString()}`;
  if (typeof value === 'number') return `${value}, which is not whole`;
  if (typeof value === 'string') return `STRING '${shortText(value)}'`;
  return `${shortText(String(value))}, which is not a number`;
}

/**
 * The seconds `ttl :=` asks for, or null when it is not given (or NULL).
 * DuckDB hands the value over uncast (the parameter is ANY), so nothing is
 * rounded: an integer, or text of one, is taken; a DECIMAL such as 600.7, a
 * fraction, other text or another type is refused, as GET_SIGNED_URL_FROM_OSS
 * refuses a TTL that is not INT. The range is checked with the lifetime.
 */
export function ttlParameter(value: DuckDBValue | null): number | null {
  if (value === null) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\s*[+-]?\d{1,16}\s*$/.test(value)) return Number(value);
  throw FunctionError.badType(FN, `ttl must be INT, a whole number of seconds from ${MIN_URL_TTL} to ${MAX_URL_TTL} (7 days); got ${describeValue(value)}`);
}

interface Bind {
  readonly presigner: Presigner;
  readonly target: BucketTarget;
  /** The prefix listed; keys are reported relative to it. */
  readonly prefix: string;
  readonly filter: KeyFilter;
  /** What the audit log records of these URLs, when the statement records them. */
  readonly issue: UrlIssue | undefined;
}

interface ScanState {
  listing: BridgeListing | undefined;
  done: boolean;
  page: readonly ObjectSummary[];
  next: number;
}

function text(value: DuckDBValue | null): string | null {
  return value === null ? null : String(value);
}

/**
 * `oss_presign_prefix(location, ttl := 3600, method := 'GET', include := NULL,
 * exclude := NULL)`: lists an OSS prefix and signs a URL for each object in
 * one pass, as `ossutil presign -r --include/--exclude` does, in key order.
 * The OSS worker lists (ParallelLister: each sub-prefix a stream of its own,
 * up to `ossduck.oss.max_concurrency` requests in flight, a bounded number
 * of pages ahead) while DuckDB takes one page (up to 1000 objects) per
 * chunk, so a prefix of millions of objects never sits in memory and a
 * LIMIT stops the listing.
 */
export function createOssPresignPrefix(context: FunctionContext): DuckDBTableFunction {
  const { statement, tables, oss } = context;
  return tableFunction<Bind, ScanState>(context.errors, {
    name: FN,
    parameterTypes: [VARCHAR],
    namedParameterTypes: NAMED_PARAMETERS,
    bind: (info) => {
      const locationText = text(info.getParameter(0));
      if (locationText === null || locationText.trim() === '') throw FunctionError.invalid(FN, `location must be given, not NULL or empty: ${USAGE}`);
      const ttl = ttlParameter(info.getNamedParameter('ttl'));
      const methodText = text(info.getNamedParameter('method'));
      const method = (methodText ?? 'GET').trim().toUpperCase();
      if (!(URL_METHODS as readonly string[]).includes(method)) {
        throw FunctionError.invalid(FN, `method '${methodText}' is not allowed; allowed: ${URL_METHODS.join(', ')}, in any case`);
      }
      const filter = KeyFilter.of(text(info.getNamedParameter('include')), text(info.getNamedParameter('exclude')));
      if (!('value' in filter)) throw FunctionError.invalid(FN, `${'which' in filter ? filter.which : 'include'} ${filter.problem}`);

      const { table, prefix } = resolvePresignLocation(FN, locationText.trim(), tables.all(), (name) => tables.named(name, FN));
      const policy = new TableUrlPolicy(table);
      const instantMs = statement.instant;
      const signTime = Math.floor(instantMs / 1000);
      const lifetime = urlLifetime(
        FN,
        { ttl, expiration: null },
        { ttl: 'ttl', expiration: 'expiration', exclusiveHint: 'give only one of them' },
        instantMs,
        statement.timezone,
        () => policy.defaultTtl,
      );
      policy.checkLifetime(FN, lifetime);
      policy.checkMethod(FN, method as UrlMethod, 'method');
      const presigner = new Presigner({
        version: statement.signatureVersion,
        credentials: oss.signingCredentials(table, FN, (signTime + lifetime.expiresIn) * 1000),
        method,
        bucket: table.location.bucket,
        signTime,
        expiresIn: lifetime.expiresIn,
        region: table.region,
        product: table.product,
        keys: context.signingKeys,
        address: oss.urlAddress(table, policy.form(), FN),
      });
      info.addResultColumn('key', VARCHAR);
      info.addResultColumn('size', BIGINT);
      info.addResultColumn('last_modified', TIMESTAMPTZ);
      info.addResultColumn('url', VARCHAR);
      const issue = context.issuedUrls.recording ? context.issuedUrls.describe(FN, table, presigner) : undefined;
      return { presigner, target: oss.bucketTarget(table, FN), prefix, filter: filter.value, issue };
    },
    init: () => ({ listing: undefined, done: false, page: [], next: 0 }),
    main: (bind, state, output) => {
      // At most one page is taken per chunk (more only while pages filter down to nothing); the worker
      // lists a bounded number of pages ahead, so a LIMIT stops the listing early (the next statement's
      // listing closes it) and memory stays bounded.
      while (state.next >= state.page.length && !state.done) {
        state.listing ??= oss.openListing(bind.target, bind.prefix, statement.id);
        const objects = state.listing.next();
        state.done = objects === undefined;
        // Directory markers (the prefix itself, empty objects ending in '/') are no files to hand out.
        state.page = (objects ?? []).filter((o) => isListedObject(o.key, o.size, bind.prefix) && bind.filter.takes(o.key.slice(bind.prefix.length)));
        state.next = 0;
      }
      const rows = state.page.slice(state.next, state.next + VECTOR_SIZE);
      state.next += rows.length;
      writeRows(output, rows, bind, context.issuedUrls);
    },
  });
}

function writeRows(output: DuckDBDataChunk, rows: readonly ObjectSummary[], bind: Bind, issued: IssuedUrls): void {
  output.rowCount = rows.length;
  if (rows.length === 0) return;
  const [keys, sizes, modified, urls] = [0, 1, 2, 3].map((i) => output.getColumnVector(i));
  rows.forEach((o, row) => {
    keys!.setItem(row, o.key.slice(bind.prefix.length));
    sizes!.setItem(row, BigInt(o.size));
    modified!.setItem(row, new DuckDBTimestampTZValue(BigInt(Date.parse(o.lastModified)) * 1000n));
    urls!.setItem(row, bind.presigner.url(o.key));
    if (bind.issue) issued.addName(bind.issue, o.key);
  });
  for (const vector of [keys, sizes, modified, urls]) vector!.flush();
}
