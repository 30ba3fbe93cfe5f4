import type { Catalog } from '../../catalog/Catalog.js';
import type { CatalogStatementContext } from '../../catalog/catalogStatements.js';
import type { Namespace } from '../Namespace.js';
import type { OssAccess } from '../OssAccess.js';
import type { Settings } from '../Settings.js';
import type { StatementStop } from '../StatementStop.js';

/** What the handlers of ossduck's own statements work with. */
export interface HandlerContext {
  readonly catalog: Catalog;
  readonly settings: Settings;
  readonly namespace: Namespace;
  readonly oss: OssAccess;
  /** Epoch milliseconds now. */
  readonly clock: () => number;
  /** Progress of long operations (REFRESH METADATA listings). */
  readonly onProgress: ((message: string) => void) | undefined;
  /** Interrupts of the running statement, for work DuckDB does not run (a listing). */
  readonly stop: StatementStop;
  /** One-line notices for the user. */
  readonly onNotice: ((message: string) => void) | undefined;
  /** What the catalog's statements (DESC, SHOW, DROP) need. */
  readonly catalogStatements: CatalogStatementContext;
  /** Whether DuckDB has a setting of this name. */
  isDuckSetting(key: string): Promise<boolean>;
  /** Hands a DuckDB setting to DuckDB, which checks it. */
  applyDuckSetting(key: string, value: string): Promise<void>;
}
