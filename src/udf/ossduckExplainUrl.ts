import { ANY, BIGINT, BOOLEAN, INTEGER, LIST, STRUCT, TIMESTAMPTZ, VARCHAR, listValue, structValue, timestampTZValue } from '@duckdb/node-api';
import type { DuckDBDataChunk, DuckDBScalarFunction, DuckDBValue, DuckDBVector } from '@duckdb/node-api';
import { explainPresignedUrl } from '../oss/explain/explainPresignedUrl.js';
import { describeToken } from '../oss/explain/TokenSummary.js';
import type { UrlExplanation } from '../oss/explain/explainPresignedUrl.js';
import { OssduckError } from '../OssduckError.js';
import { FunctionError } from './FunctionError.js';
import { argumentColumns, stringReader } from './readArguments.js';
import type { ArgumentReader } from './readArguments.js';
import { scalarFunction } from './scalarFunction.js';
import type { FunctionContext } from './FunctionContext.js';

export const OSSDUCK_EXPLAIN_URL = 'OSSDUCK_EXPLAIN_URL';
const FN = OSSDUCK_EXPLAIN_URL;

/** The STRUCT OSSDUCK_EXPLAIN_URL returns: the verdict first, then the decoded URL, then the checks. */
export const EXPLAIN_URL_TYPE = STRUCT({
  verdict: VARCHAR,
  reason: VARCHAR,
  oss_status: INTEGER,
  oss_error: VARCHAR,
  version: VARCHAR,
  style: VARCHAR,
  host: VARCHAR,
  bucket: VARCHAR,
  key: VARCHAR,
  region: VARCHAR,
  product: VARCHAR,
  access_key_id: VARCHAR,
  signed_at: TIMESTAMPTZ,
  expires_at: TIMESTAMPTZ,
  expires_in: INTEGER,
  seconds_left: BIGINT,
  security_token: VARCHAR,
  additional_headers: LIST(VARCHAR),
  parameters: LIST(STRUCT({ name: VARCHAR, value: VARCHAR, kind: VARCHAR, signed: BOOLEAN })),
  checks: LIST(STRUCT({ name: VARCHAR, status: VARCHAR, detail: VARCHAR })),
  canonical_request: VARCHAR,
  string_to_sign: VARCHAR,
});

function instant(iso: string | null): DuckDBValue {
  return iso === null ? null : timestampTZValue(BigInt(Date.parse(iso)) * 1000n);
}

/** One explanation as a value of EXPLAIN_URL_TYPE. */
export function explanationValue(e: UrlExplanation): DuckDBValue {
  const { url } = e;
  return structValue({
    verdict: e.verdict,
    reason: e.reason,
    oss_status: e.oss?.status ?? null,
    oss_error: e.oss?.code ?? null,
    version: url.version,
    style: url.style,
    host: url.host,
    bucket: url.bucket,
    key: url.key,
    region: url.region,
    product: url.product,
    access_key_id: url.accessKeyId,
    signed_at: instant(url.signedAt),
    expires_at: instant(url.expiresAt),
    expires_in: url.expiresInSeconds,
    seconds_left: url.secondsLeft === null ? null : BigInt(url.secondsLeft),
    security_token: url.securityToken === null ? null : describeToken(url.securityToken),
    additional_headers: listValue([...url.additionalHeaders]),
    parameters: listValue(url.parameters.map((p) => structValue({ name: p.name, value: p.value, kind: p.kind, signed: p.signed }))),
    checks: listValue(e.checks.map((c) => structValue({ name: c.name, status: c.status, detail: c.detail }))),
    canonical_request: e.expected?.canonicalRequest ?? null,
    string_to_sign: e.expected?.stringToSign ?? null,
  });
}

const USAGE = 'call it as OSSDUCK_EXPLAIN_URL(url) or OSSDUCK_EXPLAIN_URL(url, method)';

/**
 * `OSSDUCK_EXPLAIN_URL(url [, method])`: decodes a presigned OSS URL and
 * judges it at the statement's instant (to the second, as URLs are signed), for `method` (GET by default) with no
 * headers, verifying the signature with the session's credentials. A NULL
 * url gives NULL; text that is no presigned URL fails the statement.
 */
export function createOssduckExplainUrl(context: Pick<FunctionContext, 'statement' | 'errors' | 'oss'>): DuckDBScalarFunction {
  const { statement, oss } = context;
  const main = (chunk: DuckDBDataChunk, output: DuckDBVector): void => {
    const count = chunk.columnCount;
    if (count < 1 || count > 2) throw FunctionError.badType(FN, `takes 1 or 2 arguments, got ${count}: ${USAGE}`);
    const columns = argumentColumns(chunk);
    const url = stringReader(FN, columns[0]!, 'url (argument 1)');
    const method: ArgumentReader<string> = count === 2 ? stringReader(FN, columns[1]!, 'method (argument 2)') : () => null;
    const verifying = oss.verificationCredentials();
    // The second the statement signs at: a URL it signs has all its lifetime left.
    const nowMs = Math.floor(statement.instant / 1000) * 1000;
    for (let row = 0; row < chunk.rowCount; row++) {
      const text = url(row);
      if (text === null) {
        output.setItem(row, null);
        continue;
      }
      const rawMethod = method(row) ?? 'GET';
      if (!/^[A-Za-z]+$/.test(rawMethod)) throw FunctionError.invalid(FN, `method '${rawMethod}' is not an HTTP method such as GET or PUT`);
      let explanation: UrlExplanation;
      try {
        explanation = explainPresignedUrl(text, {
          nowMs,
          method: rawMethod,
          credentials: verifying.credentials,
          otherCredentials: verifying.others,
          noCredentials: verifying.missing,
          localAccount: verifying.localAccount,
          credentialsOwner: 'the session',
          caller: 'sql',
        });
      } catch (error) {
        if (error instanceof OssduckError) throw FunctionError.invalid(FN, `url (argument 1): ${error.detail}`);
        throw error;
      }
      output.setItem(row, explanationValue(explanation));
    }
    output.flush();
  };
  return scalarFunction(context.errors, { name: FN, returnType: EXPLAIN_URL_TYPE, varArgsType: ANY, volatile: true, specialHandling: true, main });
}
