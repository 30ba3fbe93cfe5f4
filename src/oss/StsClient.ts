import type { AssumeRoleCall, AssumeRoleResult } from './bridge/BridgeProtocol.js';
import { OssError } from './OssError.js';

/** The longest and shortest STS tokens AssumeRole issues, in seconds. */
export const STS_MIN_DURATION = 900;
export const STS_MAX_DURATION = 43_200;

type StsClientClass = new (config: unknown) => { assumeRole(request: unknown): Promise<{ body?: { credentials?: Record<string, string> } }> };

/**
 * The package is CommonJS with `exports.default`: through tsx `default` is the
 * client class, through Node's own ESM loader (the built dist/) it is the
 * whole `module.exports`, whose `default` is the class.
 */
interface StsModule {
  default: StsClientClass | { default: StsClientClass };
  AssumeRoleRequest: new (init: Record<string, unknown>) => unknown;
}

interface OpenApiModule {
  $OpenApiUtil: { Config: new (init: Record<string, unknown>) => unknown };
}

/**
 * AssumeRole through the official client, `@alicloud/sts20150401`, pointed at
 * the routed STS origin (or the region's public endpoint). Errors say what STS
 * answered, never the secret.
 */
export async function assumeRole(call: AssumeRoleCall): Promise<AssumeRoleResult> {
  const sts = (await import('@alicloud/sts20150401')) as unknown as StsModule;
  const openapi = (await import('@alicloud/openapi-core')) as unknown as OpenApiModule;
  const config = new openapi.$OpenApiUtil.Config({
    accessKeyId: call.credentials.accessKeyId,
    accessKeySecret: call.credentials.accessKeySecret,
    ...(call.credentials.securityToken ? { securityToken: call.credentials.securityToken } : {}),
    regionId: call.region,
    ...(call.stsOrigin ? { endpoint: call.stsOrigin.host, protocol: call.stsOrigin.scheme } : {}),
    readTimeout: 30_000,
    connectTimeout: 10_000,
  });
  const Client = 'default' in sts.default ? sts.default.default : sts.default;
  const client = new Client(config);
  let response: { body?: { credentials?: Record<string, string> } };
  try {
    response = await client.assumeRole(
      new sts.AssumeRoleRequest({ roleArn: call.roleArn, roleSessionName: call.roleSessionName, durationSeconds: call.durationSeconds }),
    );
  } catch (error) {
    const e = error as { code?: string; message?: string; statusCode?: number; data?: { Message?: string } };
    const what = e.data?.Message ?? (e.message ?? String(error)).split('\n')[0];
    throw OssError.credentials(`STS AssumeRole of ${call.roleArn} failed: ${e.code ?? 'Error'}${e.statusCode ? ` (HTTP ${e.statusCode})` : ''}: ${what}`);
  }
  const c = response.body?.credentials;
  if (!c || !c['accessKeyId'] || !c['accessKeySecret'] || !c['securityToken'] || !c['expiration']) {
    throw OssError.credentials(`STS AssumeRole of ${call.roleArn} returned no credentials`);
  }
  return { accessKeyId: c['accessKeyId'], accessKeySecret: c['accessKeySecret'], securityToken: c['securityToken'], expiration: c['expiration'] };
}
