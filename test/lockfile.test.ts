import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The registry this project installs from has only the Linux builds of
 * DuckDB's bindings, so `npm install` leaves the other platforms out of the
 * lock file and `npm ci` then refuses it. The lock keeps an entry for each.
 */
describe('package-lock.json', () => {
  it('records every optional platform package of @duckdb/node-bindings, so npm ci accepts it', () => {
    const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8')) as {
      packages: Record<string, { optionalDependencies?: Record<string, string>; version?: string }>;
    };
    const bindings = lock.packages['node_modules/@duckdb/node-bindings'];
    expect(bindings?.optionalDependencies).toBeDefined();
    for (const [name, version] of Object.entries(bindings!.optionalDependencies!)) {
      expect(lock.packages[`node_modules/${name}`]?.version, name).toBe(version);
    }
  });
});
