import type { DuckDBConnection } from '@duckdb/node-api';
import { SqlError } from '../sql/SqlError.js';
import { quoteIdentifier, quoteLiteral } from '../sql/quoteIdentifier.js';

/**
 * Hands a DuckDB setting given outside SQL (`--set`, the library's
 * settings, SETPROJECT) to DuckDB, which checks it: an unknown name or a
 * value of the wrong type is an error naming the setting.
 */
export async function applyDuckSetting(connection: DuckDBConnection, key: string, value: string): Promise<void> {
  try {
    await connection.run(`SET ${quoteIdentifier(key)} = ${quoteLiteral(value)}`);
  } catch (error) {
    const message = String((error as Error)?.message ?? error).split('\n')[0]!.replace(/^[A-Za-z ]+ Error: /, '');
    throw SqlError.semantic(`setting ${key}=${value} is not allowed: ${message} (settings are odps.*, ossduck.*, or DuckDB's: SELECT name FROM duckdb_settings())`);
  }
}

/** Whether DuckDB has a setting of this name. */
export async function isDuckSetting(connection: DuckDBConnection, key: string): Promise<boolean> {
  const reader = await connection.runAndReadAll(`SELECT 1 FROM duckdb_settings() WHERE name = ${quoteLiteral(key.toLowerCase())}`);
  return reader.getRows().length > 0;
}

/**
 * Sandbox mode's fence, put up last when a session opens: DuckDB may touch
 * files only under `directories` (with trailing `/`), loads and installs no
 * extension, and its configuration is locked, so SQL cannot take any of it
 * back.
 */
export async function fenceDuckDB(connection: DuckDBConnection, directories: readonly string[]): Promise<void> {
  const list = directories.map((d) => quoteLiteral(d.endsWith('/') ? d : `${d}/`)).join(', ');
  await connection.run(`SET allowed_directories = [${list}]`);
  await connection.run('SET enable_external_access = false');
  await connection.run('SET autoinstall_known_extensions = false');
  await connection.run('SET autoload_known_extensions = false');
  await connection.run('SET allow_community_extensions = false');
  await connection.run('SET lock_configuration = true');
}
