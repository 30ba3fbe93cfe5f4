import type { AssumeRoleCall, AssumeRoleResult } from './bridge/BridgeProtocol.js';
import { OssError } from './OssError.js';

/** The longest and shortest STS tokens AssumeRole issues, in seconds. */
export const STS_MIN_DURATION = 900;
export const STS_MAX_DURATION = 43_200;

type StsClientClass = new (config: unknown) => { assumeRole(request: unknown): Promise<{ body?: { credentials?: Record<string, string> } }> };

interface StsExports {
  default?: StsClientClass | StsExports;
  AssumeRoleRequest?: new (init: Record<string, unknown>) => unknown;
}

interface OpenApiExports {
  default?: OpenApiExports;
  $OpenApiUtil?: { Config: new (init: Record<string, unknown>) => unknown };
}

/**
 * The exports of a CommonJS package compiled from TypeScript: under Node's
 * own loader `default` is the whole `module.exports` (with its own
 * `default`); under tsx and bundlers the names sit at the top.
 */
function exportsOf<T extends { default?: unknown }>(module: T): T {
  const inner = module.default;
  return inner !== null && typeof inner === 'object' ? { ...(inner as T), ...module } : module;
}

/**
 * AssumeRole through the official client, `@alicloud/sts20150401`, pointed at
 * the routed STS origin (or the region's public endpoint). Errors say what STS
 * answered, never the secret.
 */
export async function assumeRole(call: AssumeRoleCall): Promise<AssumeRoleResult> {
  const stsModule = (await import('@alicloud/sts20150401')) as unknown as StsExports;
  const sts = exportsOf(stsModule);
  const openapi = exportsOf((await import('@alicloud/openapi-core')) as unknown as OpenApiExports);
  const Client = [sts.default, (stsModule.default as StsExports | undefined)?.default].find((c): c is StsClientClass => typeof c === 'function');
  if (!Client || !sts.AssumeRoleRequest || !openapi.$OpenApiUtil) throw OssError.credentials('the STS client (@alicloud/sts20150401) could not be loaded');
  const config = new openapi.$OpenApiUtil.Config({
    accessKeyId: call.credentials.accessKeyId,
    accessKeySecret: call.credentials.accessKeySecret,
    ...(call.credentials.securityToken ? { securityToken: call.credentials.securityToken } : {}),
    regionId: call.region,
    ...(call.stsOrigin ? { endpoint: call.stsOrigin.host, protocol: call.stsOrigin.scheme } : {}),
    readTimeout: 30_000,
    connectTimeout: 10_000,
  });
  const client = new Client(config);
  let response: { body?: { credentials?: Record<string, string> } };
  try {
    response = await client.assumeRole(
      new sts.AssumeRoleRequest({ roleArn: call.roleArn, roleSessionName: call.roleSessionName, durationSeconds: call.durationSeconds }),
    );
  } catch (error) {
    const e = error as { code?: string; message?: string; statusCode?: number; data?: { Message?: string } };
    const message = (e.message ?? String(error)).split('\n')[0]!;
    // No answer: the client appends "<METHOD> <url> failed." to the socket's error.
    const unanswered = e.statusCode === undefined && e.data === undefined ? /^(?:[A-Z_]+: )?(.*?)(?:GET|POST) https?:\/\/\S+ failed\.?$/.exec(message) : null;
    if (unanswered) {
      const origin = call.stsOrigin ? `${call.stsOrigin.scheme}://${call.stsOrigin.host}` : `the STS endpoint of ${call.region}`;
      throw OssError.credentials(`STS AssumeRole of ${call.roleArn} failed: cannot reach STS at ${origin}: ${unanswered[1]!.trim()}`);
    }
    const what = e.data?.Message ?? message;
    throw OssError.credentials(`STS AssumeRole of ${call.roleArn} failed: ${e.code ?? 'Error'}${e.statusCode ? ` (HTTP ${e.statusCode})` : ''}: ${what}`);
  }
  const c = response.body?.credentials;
  if (!c || !c['accessKeyId'] || !c['accessKeySecret'] || !c['securityToken'] || !c['expiration']) {
    throw OssError.credentials(`STS AssumeRole of ${call.roleArn} returned no credentials`);
  }
  return { accessKeyId: c['accessKeyId'], accessKeySecret: c['accessKeySecret'], securityToken: c['securityToken'], expiration: c['expiration'] };
}
