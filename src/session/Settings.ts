import { DateTime, IANAZone } from 'luxon';
import { SqlError } from '../sql/SqlError.js';

export type SignatureVersion = 'v1' | 'v4';

export interface SettingSpec {
  readonly key: string;
  readonly description: string;
  readonly defaultValue: string;
  /** Throws an error naming the key, the bad value and what is allowed; returns the value to keep. */
  readonly validate: (value: string, settings: Settings) => string;
}

const TRUE_FALSE = new Set(['true', 'false']);

/** The settings ossduck acts on; any other `odps.*` key is recorded as MaxCompute would. */
export const SETTINGS: readonly SettingSpec[] = [
  {
    key: 'odps.sql.timezone',
    description: 'time zone DATETIME values are read and shown in (IANA name, e.g. Asia/Shanghai, UTC)',
    defaultValue: 'Asia/Shanghai',
    validate: (value) => {
      if (!IANAZone.isValidZone(value) || /^(GMT|UTC)[+-]/i.test(value)) {
        throw SqlError.semantic(
          `odps.sql.timezone '${value}' is not a time zone: use an IANA name such as Asia/Shanghai, Asia/Tokyo, UTC or Etc/GMT (GMT+N forms are not accepted)`,
        );
      }
      return value;
    },
  },
  {
    key: 'odps.namespace.schema',
    description: 'true: a.b.c is project.schema.table and a.b is schema.table; false: a.b is project.table',
    defaultValue: 'true',
    validate: (value) => {
      const v = value.toLowerCase();
      if (!TRUE_FALSE.has(v)) throw SqlError.semantic(`odps.namespace.schema '${value}' is not allowed: use true or false`);
      return v;
    },
  },
  {
    key: 'ossduck.signing_time',
    description: 'fixes the signing instant of every statement (ISO-8601, e.g. 2026-11-23T12:00:00Z); empty clears it',
    defaultValue: '',
    validate: (value, settings) => {
      if (value === '') return '';
      const parsed = DateTime.fromISO(value, { zone: settings.timezone, setZone: true });
      if (!parsed.isValid) {
        throw SqlError.semantic(
          `ossduck.signing_time '${value}' is not an ISO-8601 instant: use e.g. 2026-11-23T12:00:00Z or 2026-11-23T20:00:00+08:00, or an empty value to clear it`,
        );
      }
      return value;
    },
  },
  {
    key: 'ossduck.signature_version',
    description: 'v4 (OSS4-HMAC-SHA256, the default) or v1 (HMAC-SHA1) for presigned URLs',
    defaultValue: 'v4',
    validate: (value) => {
      const v = value.toLowerCase();
      if (v !== 'v1' && v !== 'v4') throw SqlError.semantic(`ossduck.signature_version '${value}' is not allowed: use v4 or v1`);
      return v;
    },
  },
];

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

  /** Sets `key`; returns the value kept (normalised). */
  set(key: string, value: string): string {
    const lower = key.toLowerCase();
    const spec = SPECS.get(lower);
    if (!spec && lower.startsWith('ossduck.')) {
      const known = SETTINGS.filter((s) => s.key.startsWith('ossduck.')).map((s) => s.key);
      throw SqlError.semantic(`unknown setting '${key}': ossduck settings are ${known.join(', ')}`);
    }
    const kept = spec ? spec.validate(value, this) : value;
    this.#values.set(lower, kept);
    return kept;
  }

  get(key: string): string | undefined {
    const lower = key.toLowerCase();
    return this.#values.get(lower) ?? this.#project.get(lower) ?? SPECS.get(lower)?.defaultValue;
  }

  /** The current project's settings (SETPROJECT): below the session's own, above the defaults. */
  useProjectSettings(settings: ReadonlyMap<string, string>): void {
    this.#project = settings;
  }

  /** Checks `value` as `set` would, without setting it; returns the value to keep. */
  validate(key: string, value: string): string {
    const probe = new Settings();
    probe.#project = this.#project;
    for (const [k, v] of this.#values) probe.#values.set(k, v);
    return probe.set(key, value);
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

  get signatureVersion(): SignatureVersion {
    return this.get('ossduck.signature_version') === 'v1' ? 'v1' : 'v4';
  }

  /** The fixed signing instant in epoch milliseconds, if one is set. */
  get signingTime(): number | undefined {
    const value = this.get('ossduck.signing_time');
    if (!value) return undefined;
    return DateTime.fromISO(value, { zone: this.timezone, setZone: true }).toMillis();
  }
}
