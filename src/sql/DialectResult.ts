/** Rows a MaxCompute statement returns (DESC, SHOW ...): all text, NULL as null. */
export interface DialectResult {
  readonly columnNames: readonly string[];
  readonly rows: readonly (readonly (string | null)[])[];
}
