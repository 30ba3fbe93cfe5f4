import type { AccessKeyPair, Credentials } from '../Credentials.js';
import type { HeaderList } from '../signing/SignatureV4.js';
import type { ExplainCaller } from './ExplainCaller.js';

export interface ExplainOptions {
  /** The instant to judge the URL at, epoch ms. */
  readonly nowMs: number;
  /** The HTTP method the client will use (GET). */
  readonly method?: string | undefined;
  /** The headers the client will send (the URL's host is added as Host). */
  readonly headers?: HeaderList | undefined;
  /** The bucket of a custom-domain URL, which names none. */
  readonly bucket?: string | undefined;
  /**
   * The account to verify with, a Credentials or a plain
   * `{ accessKeyId, accessKeySecret, securityToken? }`; without it the
   * signature is not checked.
   */
  readonly credentials?: Credentials | AccessKeyPair | undefined;
  /** Why there are no credentials, for the report (how to provide them). */
  readonly noCredentials?: string | undefined;
  /**
   * Temporary credentials held besides `credentials` (a session's STS
   * credentials for RoleARN tables): one whose AccessKeyId is the URL's is
   * used instead.
   */
  readonly otherCredentials?: readonly (Credentials | AccessKeyPair)[] | undefined;
  /** Whose credentials these are, for the report: `the environment` by default. */
  readonly credentialsOwner?: string | undefined;
  /**
   * Set when `credentials` are a local emulator's own account rather than
   * credentials the user gave, naming it (`the embedded local OSS`): a URL of
   * another AccessKeyId is then unverified, not refused, since that account
   * says nothing about the keys of real OSS.
   */
  readonly localAccount?: string | undefined;
  /**
   * Who asks, so advice is worded for it: `command` (ossduck explain-url's
   * options, the default) or `sql` (OSSDUCK_EXPLAIN_URL's arguments).
   */
  readonly caller?: ExplainCaller | undefined;
}
