import type { SourcePosition } from '../../OssduckError.js';

/** What a finding is about. */
export type FindingKind = 'statement' | 'function' | 'setting' | 'syntax' | 'type' | 'property';

/** One thing in a script that MaxCompute would not accept, where it is, and what MaxCompute uses instead. */
export interface PortabilityFinding extends SourcePosition {
  readonly kind: FindingKind;
  /** What rule found it: `cast-operator`, `duckdb-function`, `ossduck-setting`, ... */
  readonly code: string;
  /** The text at the position, as written: a keyword, an operator, a function's name. */
  readonly construct: string;
  /** What it is, and why MaxCompute would not take it. */
  readonly message: string;
  /** What a MaxCompute script writes instead. */
  readonly instead: string;
}
