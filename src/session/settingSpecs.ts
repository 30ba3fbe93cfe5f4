import { DateTime, IANAZone } from 'luxon';
import { SqlError } from '../sql/SqlError.js';
import { parseEndpointList } from '../oss/EndpointPolicy.js';
import { shown } from '../shown.js';
import { auditLogPath } from './auditLogPath.js';

/** What a setting's check may read of the other settings. */
export interface SettingContext {
  readonly timezone: string;
}

export interface SettingSpec {
  readonly key: string;
  readonly description: string;
  readonly defaultValue: string;
  /** Throws an error naming the key, the bad value and what is allowed; returns the value to keep. */
  readonly validate: (value: string, settings: SettingContext) => string;
  /** Given only when a session opens (`--set`, the library's settings), never by SQL. */
  readonly atStartOnly?: boolean;
  /** In sandbox mode, fixed once the session has opened. */
  readonly fixedInSandbox?: boolean;
}

const TRUE_FALSE = new Set(['true', 'false']);

function boolean(key: string): (value: string) => string {
  return (value) => {
    const v = value.toLowerCase();
    if (!TRUE_FALSE.has(v)) throw SqlError.semantic(`${key} ${shown(value)} is not allowed: use true or false`);
    return v;
  };
}

/** A whole number from `min` to `max` (`unit` names what it counts, in the error). */
function wholeNumber(key: string, min: number, max: number, unit: string): (value: string) => string {
  return (value) => {
    const v = value.trim();
    if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
      throw SqlError.semantic(`${key} ${shown(value)} is not allowed: use a whole number of ${unit} from ${min} to ${max}`);
    }
    return String(Number(v));
  };
}

/** The settings ossduck acts on (docs/sql.md lists them from here); any other `odps.*` key is recorded as MaxCompute would. */
export const SETTINGS: readonly SettingSpec[] = [
  {
    key: 'odps.sql.timezone',
    description: 'time zone TIMESTAMP values are read and shown in and DATETIME wall times are in (IANA name, e.g. Asia/Shanghai, UTC)',
    defaultValue: 'Asia/Shanghai',
    validate: (value) => {
      if (!IANAZone.isValidZone(value) || /^(GMT|UTC)[+-]/i.test(value)) {
        throw SqlError.semantic(
          `odps.sql.timezone ${shown(value)} is not a time zone: use an IANA name such as Asia/Shanghai, Asia/Tokyo, UTC or Etc/GMT (GMT+N forms are not accepted)`,
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
      if (!TRUE_FALSE.has(v)) throw SqlError.semantic(`odps.namespace.schema ${shown(value)} is not allowed: use true or false`);
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
          `ossduck.signing_time ${shown(value)} is not an ISO-8601 instant: use e.g. 2026-11-23T12:00:00Z or 2026-11-23T20:00:00+08:00, or an empty value to clear it`,
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
      if (v !== 'v1' && v !== 'v4') throw SqlError.semantic(`ossduck.signature_version ${shown(value)} is not allowed: use v4 or v1`);
      return v;
    },
  },
  {
    key: 'ossduck.url.form',
    description:
      "sdk (the official OSS SDKs' URLs, the default) or maxcompute (the URLs MaxCompute's GET_SIGNED_URL_FROM_OSS gives: signature V1, http, '/' in the object name as %2F)",
    defaultValue: 'sdk',
    validate: (value) => {
      const v = value.toLowerCase();
      if (v !== 'sdk' && v !== 'maxcompute') throw SqlError.semantic(`ossduck.url.form ${shown(value)} is not allowed: use sdk or maxcompute`);
      return v;
    },
  },
  {
    key: 'ossduck.portable',
    description: 'off (the default) or strict: a statement MaxCompute would not accept fails before it runs, saying what MaxCompute writes instead',
    defaultValue: 'off',
    validate: (value) => {
      const v = value.toLowerCase();
      if (v !== 'off' && v !== 'strict') throw SqlError.semantic(`ossduck.portable ${shown(value)} is not allowed: use off or strict`);
      return v;
    },
  },
  {
    key: 'ossduck.lint_on_refresh',
    description: 'true: REFRESH METADATA lints every key it lists and says in one line how many keys have errors, warnings and notes (OSSDUCK_LINT_KEY lists them)',
    defaultValue: 'false',
    validate: boolean('ossduck.lint_on_refresh'),
  },
  {
    key: 'ossduck.sandbox',
    description: 'true: SQL runs fenced (no files outside the allowed folders, no network but the allowed endpoints, DuckDB configuration locked); chosen at start only',
    defaultValue: 'false',
    validate: boolean('ossduck.sandbox'),
    atStartOnly: true,
  },
  {
    key: 'ossduck.allowed_endpoints',
    description: "the only OSS and STS endpoints ossduck's own requests may reach, comma-separated HOST[:PORT] or *.DOMAIN (empty: any; in sandbox mode *.aliyuncs.com and the routes given at start)",
    defaultValue: '',
    validate: (value) => {
      parseEndpointList(value, 'ossduck.allowed_endpoints');
      return value.trim();
    },
    fixedInSandbox: true,
  },
  {
    key: 'ossduck.audit_log',
    description:
      'append every URL GET_SIGNED_URL_FROM_OSS, OSSDUCK_PRESIGN and oss_presign_prefix return to this file, one JSON line each, without signature or token, once its statement succeeds (empty: off)',
    defaultValue: '',
    validate: (value) => auditLogPath(value),
    fixedInSandbox: true,
  },
  {
    key: 'ossduck.get_data.max_bytes',
    description:
      'the most bytes GET_DATA_FROM_OSS returns for one object (or for the range offset and length ask); a larger one fails the statement, naming key and size, before its body is read',
    defaultValue: String(64 * 1024 * 1024),
    validate: wholeNumber('ossduck.get_data.max_bytes', 1, 2 ** 32 - 1, 'bytes'),
  },
  {
    key: 'ossduck.oss.max_concurrency',
    description: 'the most OSS requests GET_DATA_FROM_OSS has in flight at once',
    defaultValue: '32',
    validate: wholeNumber('ossduck.oss.max_concurrency', 1, 256, 'requests'),
  },
  {
    key: 'ossduck.oss.connect_timeout_ms',
    description: 'how long a connection to OSS may take to open before the read fails, naming the host',
    defaultValue: '10000',
    validate: wholeNumber('ossduck.oss.connect_timeout_ms', 1, 3_600_000, 'milliseconds'),
  },
  {
    key: 'ossduck.oss.read_timeout_ms',
    description: "how long OSS may take to answer a read, or stay silent in the middle of a body, before the read fails, naming the host",
    defaultValue: '20000',
    validate: wholeNumber('ossduck.oss.read_timeout_ms', 1, 3_600_000, 'milliseconds'),
  },
];
