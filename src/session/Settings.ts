import { DateTime } from 'luxon';
import { SqlError } from '../sql/SqlError.js';
import { SETTINGS } from './settingSpecs.js';
import type { ReadLimits } from '../oss/bridge/BridgeProtocol.js';
import { readLimitsOf } from './readLimitsOf.js';

export type SignatureVersion = 'v1' | 'v4';

const SPECS = new Map(SETTINGS.map((s) => [s.key, s] as const));

/**
 * Session settings. `odps.*` keys are all recorded (MaxCompute has hundreds);
 * the ones ossduck acts on are validated. `ossduck.*` keys must be known ones,
 * so a typo is an error rather than a silent no-op.
 */
export class Settings {
  readonly #values = new Map<string, string>();
  #project: ReadonlyMap<string, string> = new Map();

  constructor(initial?: Readonly<Record<string, string>>) {
    if (initial) for (const [key, value] of Object.entries(initial)) this.set(key, value);
  }

  /** Whether `key` is one of these settings (`odps.*`, `ossduck.*`); any other key is DuckDB's. */
  static owns(key: string): boolean {
    return /^(odps|ossduck)\./i.test(key);
  }

  /**
   * Sets `key`; returns the value kept (normalised). `fromSql` is a SET of a
   * running session: settings chosen at start, and the fence of sandbox
   * mode, cannot change then.
   */
  set(key: string, value: string, fromSql = false): string {
    const lower = key.toLowerCase();
    const spec = SPECS.get(lower);
    if (!spec && lower.startsWith('ossduck.')) {
      const known = SETTINGS.filter((s) => s.key.startsWith('ossduck.')).map((s) => s.key);
      throw SqlError.semantic(`unknown setting '${key}': ossduck settings are ${known.join(', ')}`);
    }
    if (fromSql && spec?.atStartOnly) {
      throw SqlError.semantic(`${spec.key} is chosen when ossduck starts (--set ${spec.key}=..., or the library's settings), not by SQL`);
    }
    if (fromSql && spec?.fixedInSandbox && this.sandbox) {
      throw SqlError.semantic(`${spec.key} is fixed in sandbox mode: it is given when ossduck starts, never by SQL`);
    }
    const kept = spec ? spec.validate(value, this) : value;
    this.#values.set(lower, kept);
    return kept;
  }

  get(key: string): string | undefined {
    const lower = key.toLowerCase();
    return this.#values.get(lower) ?? this.#project.get(lower) ?? SPECS.get(lower)?.defaultValue;
  }

  /** Whether the session itself set `key` (a SET, or the settings given at start), over the project's. */
  setInSession(key: string): boolean {
    return this.#values.has(key.toLowerCase());
  }

  /** A setting's default. */
  defaultOf(key: string): string | undefined {
    return SPECS.get(key.toLowerCase())?.defaultValue;
  }

  /** The current project's settings, as given to useProjectSettings. */
  get projectSettings(): ReadonlyMap<string, string> {
    return this.#project;
  }

  /** The current project's settings (SETPROJECT): below the session's own, above the defaults. */
  useProjectSettings(settings: ReadonlyMap<string, string>): void {
    this.#project = settings;
  }

  /** Checks `value` as a SET from SQL would, without setting it; returns the value to keep. */
  validate(key: string, value: string): string {
    const probe = new Settings();
    probe.#project = this.#project;
    for (const [k, v] of this.#values) probe.#values.set(k, v);
    return probe.set(key, value, true);
  }

  /** Every key set in this session, in the order set. */
  entries(): [string, string][] {
    return [...this.#values.entries()];
  }

  get timezone(): string {
    return this.get('odps.sql.timezone') ?? 'Asia/Shanghai';
  }

  get namespaceSchema(): boolean {
    return this.get('odps.namespace.schema') !== 'false';
  }

  /** The signature version URLs are signed with: V1 in MaxCompute's URL form, else `ossduck.signature_version`. */
  get signatureVersion(): SignatureVersion {
    if (this.urlForm === 'maxcompute') return 'v1';
    return this.get('ossduck.signature_version') === 'v1' ? 'v1' : 'v4';
  }

  /** `ossduck.url.form`: the official SDKs' URLs, or MaxCompute's own. */
  get urlForm(): 'sdk' | 'maxcompute' {
    return this.get('ossduck.url.form') === 'maxcompute' ? 'maxcompute' : 'sdk';
  }

  /** How GET_DATA_FROM_OSS's reads are bounded (`ossduck.get_data.max_bytes`, `ossduck.oss.*`). */
  get readLimits(): ReadLimits {
    return readLimitsOf((key) => this.get(key));
  }

  /** Whether SQL runs fenced (`ossduck.sandbox`). */
  get sandbox(): boolean {
    return this.get('ossduck.sandbox') === 'true';
  }

  /** The audit log of issued URLs (`ossduck.audit_log`), an absolute path, or '' when it is off. */
  get auditLog(): string {
    return this.get('ossduck.audit_log') ?? '';
  }

  /** The fixed signing instant in epoch milliseconds, if one is set. */
  get signingTime(): number | undefined {
    const value = this.get('ossduck.signing_time');
    if (!value) return undefined;
    return DateTime.fromISO(value, { zone: this.timezone, setZone: true }).toMillis();
  }
}
