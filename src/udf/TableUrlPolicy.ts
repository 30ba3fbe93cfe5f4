import { qualifiedName } from '../catalog/ObjectTable.js';
import type { ObjectTableDefinition } from '../catalog/ObjectTable.js';
import { DEFAULT_URL_TTL, TABLE_PROPERTY, readTableUrlProperties } from '../catalog/TableUrlProperties.js';
import type { TableUrlProperties, UrlMethod } from '../catalog/TableUrlProperties.js';
import type { UrlForm } from '../oss/UrlForm.js';
import { FunctionError } from './FunctionError.js';
import type { Lifetime } from './urlLifetime.js';

/**
 * What an object table's TBLPROPERTIES say about the URLs signed under it:
 * the default scheme and endpoint, the longest lifetime and the methods
 * allowed. Every function that signs URLs for a table (GET_SIGNED_URL_FROM_OSS,
 * OSSDUCK_PRESIGN, oss_presign_prefix) goes through it.
 */
export class TableUrlPolicy {
  readonly table: ObjectTableDefinition;
  readonly properties: TableUrlProperties;

  constructor(table: ObjectTableDefinition, properties: TableUrlProperties = readTableUrlProperties(table.tblProperties, table.serdeProperties)) {
    this.table = table;
    this.properties = properties;
  }

  /** The lifetime of a URL when the caller gives none: an hour, or the table's max_ttl when that is shorter. */
  get defaultTtl(): number {
    const max = this.properties.maxTtl;
    return max !== undefined && max < DEFAULT_URL_TTL ? max : DEFAULT_URL_TTL;
  }

  /** The URL form: what the caller asked for, else the table's defaults. */
  form(asked: UrlForm = {}): UrlForm {
    return { scheme: asked.scheme ?? this.properties.scheme, endpoint: asked.endpoint ?? this.properties.endpoint };
  }

  /** Refuses a method the table does not allow, naming the property. */
  checkMethod(fn: string, method: UrlMethod, asked: string): void {
    const allowed = this.properties.allowedMethods;
    if (allowed === undefined || allowed.includes(method)) return;
    throw FunctionError.invalid(
      fn,
      `table ${qualifiedName(this.table)} allows ${allowed.join(', ')} URLs only (TBLPROPERTIES '${TABLE_PROPERTY.allowedMethods}'=` +
        `'${this.table.tblProperties[TABLE_PROPERTY.allowedMethods]}'); ${asked} ${method} is refused`,
    );
  }

  /** Refuses a lifetime longer than the table's max_ttl, naming the property. */
  checkLifetime(fn: string, lifetime: Lifetime): void {
    const max = this.properties.maxTtl;
    if (max === undefined || lifetime.expiresIn <= max) return;
    throw FunctionError.outOfRange(
      fn,
      `table ${qualifiedName(this.table)} allows URLs of at most ${max} seconds (TBLPROPERTIES '${TABLE_PROPERTY.maxTtl}'='` +
        `${this.table.tblProperties[TABLE_PROPERTY.maxTtl]}'); ${lifetime.asked ?? 'the URL'} asks for ${lifetime.expiresIn} seconds`,
    );
  }
}
