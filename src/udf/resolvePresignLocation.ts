import { qualifiedName } from '../catalog/ObjectTable.js';
import type { ObjectTableDefinition } from '../catalog/ObjectTable.js';
import { scopeOfEndpoint } from '../oss/OssEndpoint.js';
import { formatOssLocation, parseOssLocation } from '../oss/OssLocation.js';
import { OssduckError } from '../OssduckError.js';
import { FunctionError } from './FunctionError.js';

/** Where a listing runs: the object table that allows it, and the full prefix listed. */
export interface PresignLocation {
  readonly table: ObjectTableDefinition;
  /** The object-name prefix listed; keys are reported relative to it. */
  readonly prefix: string;
}

/** Whether `endpoint` reaches the bucket of `table`: the same endpoint, or another of the same region. */
function sameService(endpoint: string, table: ObjectTableDefinition): boolean {
  if (endpoint === table.location.endpoint) return true;
  const scope = scopeOfEndpoint(endpoint);
  return scope !== undefined && scope.region === table.region && scope.product === table.product;
}

/**
 * Reads the location of a listing: the full name of an object table (its
 * whole LOCATION), or an `oss://<endpoint>/<bucket>/<prefix>/` that lies
 * under an object table's LOCATION (the table with the longest such
 * LOCATION is the one whose properties and role apply). SQL signs URLs only
 * under an object table, so a location under none is an error that says how
 * to make one.
 */
export function resolvePresignLocation(
  fn: string,
  text: string,
  tables: readonly ObjectTableDefinition[],
  byName: (name: string) => ObjectTableDefinition,
): PresignLocation {
  if (!/^oss:\/\//i.test(text)) {
    const table = byName(text);
    return { table, prefix: table.location.prefix };
  }
  let location;
  try {
    location = parseOssLocation(text);
  } catch (error) {
    if (error instanceof OssduckError) throw FunctionError.invalid(fn, `location: ${error.detail.replace(/^LOCATION /, '')}`);
    throw error;
  }
  const under = tables.filter(
    (t) => t.location.bucket === location.bucket && sameService(location.endpoint, t) && location.prefix.startsWith(t.location.prefix),
  );
  if (under.length === 0) {
    throw FunctionError.invalid(
      fn,
      `location '${text}' lies under no object table's LOCATION, and URLs are signed only under an object table: ` +
        `name an object table, or CREATE OBJECT TABLE ... LOCATION '${formatOssLocation(location)}' first`,
    );
  }
  const longest = Math.max(...under.map((t) => t.location.prefix.length));
  const best = under.filter((t) => t.location.prefix.length === longest);
  if (best.length > 1) {
    throw FunctionError.invalid(
      fn,
      `location '${text}' lies under the LOCATION of ${best.map(qualifiedName).join(' and ')}, whose properties may differ: name one of these tables instead`,
    );
  }
  return { table: best[0]!, prefix: location.prefix };
}
