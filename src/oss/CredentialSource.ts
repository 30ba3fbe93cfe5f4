import { Credentials } from './Credentials.js';
import { OssError } from './OssError.js';

/** Where the base credentials come from; resolved before each statement that signs. */
export interface CredentialSource {
  /** The current credentials, or an error that says how to provide them. */
  resolve(): Promise<Credentials>;
  /** A short description for messages (never secret). */
  readonly description: string;
  /**
   * A local emulator's own account (the embedded local OSS's random one),
   * known without starting the emulator; undefined for credentials the user
   * gives. A URL can be verified with it without starting anything, and a URL
   * of another AccessKeyId is unverified rather than refused, since this
   * account says nothing about keys of real OSS.
   */
  readonly localAccount?: Credentials | undefined;
}

export const CREDENTIAL_HELP =
  'set OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET (and OSS_SESSION_TOKEN for STS credentials), ' +
  'or ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (and ALIBABA_CLOUD_SECURITY_TOKEN), ' +
  'or another source of the Alibaba Cloud credentials chain';

/** Fixed credentials (the emulator's account, or ones a library caller passes). */
export class StaticCredentialSource implements CredentialSource {
  readonly description: string;
  readonly #credentials: Credentials;

  constructor(credentials: Credentials, description = 'given credentials') {
    this.#credentials = credentials;
    this.description = description;
  }

  resolve(): Promise<Credentials> {
    return Promise.resolve(this.#credentials);
  }
}

/** The OSS SDKs' variables, read from an environment (process.env by default). */
export function credentialsFromOssVariables(env: NodeJS.ProcessEnv): Credentials | undefined {
  const id = env['OSS_ACCESS_KEY_ID'];
  const secret = env['OSS_ACCESS_KEY_SECRET'];
  if (!id && !secret) return undefined;
  if (!id || !secret) {
    const missing = id ? 'OSS_ACCESS_KEY_SECRET' : 'OSS_ACCESS_KEY_ID';
    throw OssError.credentials(`${missing} is not set while ${id ? 'OSS_ACCESS_KEY_ID' : 'OSS_ACCESS_KEY_SECRET'} is; set both`);
  }
  return new Credentials({ accessKeyId: id, accessKeySecret: secret, securityToken: env['OSS_SESSION_TOKEN'] || undefined });
}

/**
 * The AccessKey in environment variables only: the OSS SDKs' variables, else
 * `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET` and
 * `ALIBABA_CLOUD_SECURITY_TOKEN`; no files, no services. Undefined when
 * neither pair is set.
 */
export function credentialsFromVariables(env: NodeJS.ProcessEnv): Credentials | undefined {
  const fromOss = credentialsFromOssVariables(env);
  if (fromOss) return fromOss;
  const id = env['ALIBABA_CLOUD_ACCESS_KEY_ID'];
  const secret = env['ALIBABA_CLOUD_ACCESS_KEY_SECRET'];
  if (!id || !secret) return undefined;
  return new Credentials({ accessKeyId: id, accessKeySecret: secret, securityToken: env['ALIBABA_CLOUD_SECURITY_TOKEN'] || undefined });
}

/** Whether the environment names any OSS or Alibaba Cloud access key. */
export function environmentHasCredentials(env: NodeJS.ProcessEnv): boolean {
  return Boolean(
    env['OSS_ACCESS_KEY_ID'] || env['OSS_ACCESS_KEY_SECRET'] || env['ALIBABA_CLOUD_ACCESS_KEY_ID'] || env['ALIBABA_CLOUD_ACCESS_KEY_SECRET'],
  );
}

interface AlicloudProvider {
  getCredentials(): Promise<{ accessKeyId: string; accessKeySecret: string; securityToken?: string }>;
}

/**
 * The OSS SDKs' variables (`OSS_ACCESS_KEY_ID`, `OSS_ACCESS_KEY_SECRET`,
 * `OSS_SESSION_TOKEN`) first; without them, the Alibaba Cloud default
 * credentials chain of `@alicloud/credentials` (`ALIBABA_CLOUD_*` variables,
 * OIDC, CLI and profile files, ECS RAM role, credentials URI).
 */
export class EnvironmentCredentialSource implements CredentialSource {
  readonly description = 'the environment';
  readonly #env: NodeJS.ProcessEnv;
  #chain: AlicloudProvider | undefined;
  #cached: Credentials | undefined;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.#env = env;
  }

  async resolve(): Promise<Credentials> {
    const fromOss = credentialsFromOssVariables(this.#env);
    if (fromOss) return this.#keep(fromOss);
    if (this.#env !== process.env) {
      // A caller-given environment: its ALIBABA_CLOUD_* keys, without the chain's files and services.
      const fromVariables = credentialsFromVariables(this.#env);
      if (fromVariables) return this.#keep(fromVariables);
      throw OssError.credentials(`no OSS credentials found: ${CREDENTIAL_HELP}`);
    }
    const chain = await this.#loadChain();
    let got: Awaited<ReturnType<AlicloudProvider['getCredentials']>>;
    try {
      got = await chain.getCredentials();
    } catch {
      // The chain's own message lists every provider it tried; ours says what to set.
      throw OssError.credentials(`no OSS credentials found: ${CREDENTIAL_HELP}`);
    }
    return this.#keep(new Credentials({ accessKeyId: got.accessKeyId, accessKeySecret: got.accessKeySecret, securityToken: got.securityToken }));
  }

  #keep(credentials: Credentials): Credentials {
    if (this.#cached && this.#cached.sameAs(credentials)) return this.#cached;
    this.#cached = credentials;
    return credentials;
  }

  async #loadChain(): Promise<AlicloudProvider> {
    if (!this.#chain) {
      const module = (await import('@alicloud/credentials')) as unknown as {
        DefaultCredentialsProvider?: { builder(): { build(): AlicloudProvider } };
        default?: { DefaultCredentialsProvider?: { builder(): { build(): AlicloudProvider } } };
      };
      const Provider = module.DefaultCredentialsProvider ?? module.default?.DefaultCredentialsProvider;
      if (!Provider) throw OssError.credentials('the Alibaba Cloud credentials chain is not available');
      this.#chain = Provider.builder().build();
    }
    return this.#chain;
  }
}
