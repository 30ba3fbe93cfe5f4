/** One call form of a MaxCompute function: its parameters, and which of them must be constants (a datepart, a format). */
export interface CallForm {
  readonly parameters: readonly string[];
  readonly constants?: readonly string[];
  /**
   * Constants turned into what `inner` takes before any lambda runs (a
   * datepart into its unit): SQL of the argument's SQL. DuckDB folds a
   * constant call outside a lambda once per statement, but evaluates one
   * inside a lambda's body for every chunk of rows.
   */
  readonly hoisted?: Readonly<Record<string, (argument: string) => string>>;
}

/** The lambda parameter that holds argument `p` once bound: a name no user column is expected to have. */
const bound = (p: string): string => `__ossduck_${p}`;

/**
 * `CREATE MACRO name(...)`, one overload per form, each calling `inner` with
 * the same arguments but binding each argument that is not a constant ONCE:
 * each goes into a one-element list and `inner` is called inside lambdas
 * over those lists (nested, one per argument: DuckDB cannot choose among
 * `inner`'s typed overloads for a STRUCT field while the macro is created),
 * so `inner` sees plain references however often its body mentions them.
 *
 * A DuckDB macro copies an argument's SQL into its body wherever the body
 * names it, and a macro with typed overloads binds its arguments once more
 * to choose one; nested n deep, such a macro is planned k^n times over. The
 * outer macro here mentions each parameter once and has no typed overload,
 * so nesting it costs linearly. Constant arguments stay as written, so
 * DuckDB still folds them (a datepart's unit once per statement).
 */
export function bindOnce(name: string, inner: string, forms: readonly CallForm[]): string {
  const overloads = forms.map(({ parameters, constants = [], hoisted = {} }) => {
    const values = parameters.filter((p) => !constants.includes(p));
    const lifted = Object.keys(hoisted);
    const passed = (p: string): string => (constants.includes(p) && !lifted.includes(p) ? p : bound(p));
    let body = `${inner}(${parameters.map(passed).join(', ')})`;
    for (const p of [...values].reverse()) body = `list_transform([${p}], lambda ${bound(p)}: ${body})[1]`;
    for (const p of lifted) body = `list_transform([${hoisted[p]!(p)}], lambda ${bound(p)}: ${body})[1]`;
    return `(${parameters.join(', ')}) AS ${body}`;
  });
  return `CREATE OR REPLACE TEMP MACRO ${name}\n      ${overloads.join(',\n      ')}`;
}
