import { DuckDBTableFunction } from '@duckdb/node-api';
import type { DuckDBDataChunk, DuckDBTableFunctionBindInfo, DuckDBTableFunctionInitInfo, DuckDBType } from '@duckdb/node-api';
import type { FunctionErrors } from './FunctionContext.js';

/**
 * How a table function is called, for the errors DuckDB raises while matching
 * a call to it, before the function sees its arguments (a missing or extra
 * positional argument, an unknown named parameter).
 */
export interface TableFunctionUsage {
  readonly name: string;
  /** The positional arguments, in order: name and SQL type (`location`, `STRING`). */
  readonly positional: readonly { readonly name: string; readonly type: string }[];
  /** The named parameters, in the order the documentation gives them. */
  readonly named: readonly string[];
  /** How to call it: `call it as name(...)`. */
  readonly usage: string;
}

export interface TableFunctionSpec<Bind extends object, State extends object> {
  readonly name: string;
  readonly parameterTypes?: readonly DuckDBType[];
  readonly namedParameterTypes?: Readonly<Record<string, DuckDBType>>;
  /** Reads the arguments, declares the result columns, returns what the scan needs. */
  readonly bind: (info: DuckDBTableFunctionBindInfo) => Bind;
  /** The state of one scan (the scan runs on one thread). */
  readonly init: (bind: Bind) => State;
  /** Fills `output` with the next chunk; a row count of zero ends the scan. */
  readonly main: (bind: Bind, state: State, output: DuckDBDataChunk) => void;
}

/**
 * A JavaScript table function whose errors reach the user whole, as
 * `scalarFunction` does for scalar ones: an error thrown while binding or
 * scanning is recorded in `errors` first. The scan runs on one thread.
 */
export function tableFunction<Bind extends object, State extends object>(
  errors: FunctionErrors,
  spec: TableFunctionSpec<Bind, State>,
): DuckDBTableFunction {
  const recorded = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (error) {
      errors.record(error as Error);
      throw error;
    }
  };
  return DuckDBTableFunction.create({
    name: spec.name,
    ...(spec.parameterTypes ? { parameterTypes: spec.parameterTypes } : {}),
    ...(spec.namedParameterTypes ? { namedParameterTypes: spec.namedParameterTypes } : {}),
    bindFunction: (info) => recorded(() => info.setBindData(spec.bind(info))),
    initFunction: (info: DuckDBTableFunctionInitInfo) =>
      recorded(() => {
        info.setMaxThreads(1);
        info.setInitData(spec.init(info.bindData as Bind));
      }),
    mainFunction: (info, output) => recorded(() => spec.main(info.bindData as Bind, info.initData as State, output)),
  });
}
