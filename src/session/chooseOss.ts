import type { Credentials } from '../oss/Credentials.js';
import { EnvironmentCredentialSource, environmentHasCredentials, StaticCredentialSource } from '../oss/CredentialSource.js';
import type { CredentialSource } from '../oss/CredentialSource.js';
import { parseOrigin, routingFromEnvironment } from '../oss/OssRouting.js';
import type { OssRouting } from '../oss/OssRouting.js';
import { EmbeddedOss } from './EmbeddedOss.js';
import type { EmbeddedOssInfo } from './EmbeddedOss.js';

/** Where a session's OSS is, as asked for. */
export interface OssRequest {
  /** Credentials given in code; otherwise the environment's. */
  readonly credentials?: Credentials | undefined;
  /** Where every OSS request and URL goes (an origin); otherwise `OSSDUCK_OSS_ENDPOINT`. */
  readonly ossEndpoint?: string | undefined;
  /** Where STS AssumeRole goes; otherwise `OSSDUCK_STS_ENDPOINT`. */
  readonly stsEndpoint?: string | undefined;
  /** What the endpoints are called in errors (`ossEndpoint`, `--oss-endpoint`). */
  readonly endpointNames?: { readonly oss: string; readonly sts: string } | undefined;
  /** The environment credentials and routing are read from. */
  readonly env: NodeJS.ProcessEnv;
  /** The warehouse directory: the embedded local OSS keeps its buckets in its `oss/` folder. */
  readonly warehouse?: string | undefined;
  /** Told once, when the embedded local OSS starts: one line for the user. */
  readonly onNotice?: ((message: string) => void) | undefined;
}

/** Where a session's OSS is: its credentials, where requests go, and what to stop with it. */
export interface OssChoice {
  readonly credentials: CredentialSource;
  readonly routing: OssRouting | (() => OssRouting);
  readonly closeWith: { close(): Promise<void> } | undefined;
}

/**
 * Real OSS with the environment's (or the given) credentials, routed where
 * an endpoint says; or, with neither an OSS endpoint nor credentials, the
 * embedded default: a local OSS and STS on a worker thread, started the
 * first time a statement needs OSS (in the warehouse's `oss/` folder, with
 * the warehouse's account, when there is one; or, when `ossduck serve --db`
 * serves the warehouse, that server), announced through `onNotice`, and
 * stopped with the session.
 */
export function chooseOss(request: OssRequest): OssChoice {
  const names = request.endpointNames ?? { oss: 'ossEndpoint', sts: 'stsEndpoint' };
  const fromEnv = routingFromEnvironment(request.env);
  const routing: OssRouting = {
    oss: request.ossEndpoint ? parseOrigin(request.ossEndpoint, names.oss) : fromEnv.oss,
    sts: request.stsEndpoint ? parseOrigin(request.stsEndpoint, names.sts) : fromEnv.sts,
  };
  if (request.credentials) {
    return { credentials: new StaticCredentialSource(request.credentials, 'the credentials given to openOssduck'), routing, closeWith: undefined };
  }
  if (routing.oss !== undefined || environmentHasCredentials(request.env)) {
    return { credentials: new EnvironmentCredentialSource(request.env), routing, closeWith: undefined };
  }
  const embedded = new EmbeddedOss({
    warehouse: request.warehouse,
    onStart: (info) => request.onNotice?.(embeddedNotice(info, request.warehouse)),
  });
  return { credentials: embedded, routing: () => ({ oss: embedded.routing.oss, sts: routing.sts ?? embedded.routing.sts }), closeWith: embedded };
}

/** A path as a shell reads it back: bare when it is plain, else in single quotes. */
function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

/** The one line that says where the embedded default's OSS is, and how long its URLs work. */
function embeddedNotice(info: EmbeddedOssInfo, warehouse: string | undefined): string {
  const start = 'no OSS endpoint or credentials set; using';
  const serve = `ossduck serve --db ${warehouse === undefined ? 'DIR' : shellWord(warehouse)}`;
  if (info.servedBy) return `${start} the local OSS of ${serve} at ${info.ossUrl} (pid ${info.servedBy.pid}, buckets in ${info.root})`;
  const keep = warehouse === undefined ? `run ${serve} and give --db DIR to keep them working` : `run ${serve} to keep them working`;
  return `${start} the embedded local OSS at ${info.ossUrl} (buckets in ${info.root}); its URLs stop working when this process ends: ${keep}`;
}
