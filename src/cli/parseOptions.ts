import type { OptionSpec } from './parseArgs.js';
import { UsageError } from './UsageError.js';

/** What a command line said: option values by name (in order) and flags. */
export interface ParsedOptions {
  readonly values: ReadonlyMap<string, readonly string[]>;
  readonly flags: ReadonlySet<string>;
  readonly positionals: readonly string[];
}

/**
 * Reads `argv` against an option table: `--name value`, `--name=value`,
 * `-x value`, `-xvalue`, flags without values. Pure: no I/O. Unknown options,
 * missing values, values not among the choices and repeated single options
 * are usage errors naming them. Positionals are allowed only when `positionals`
 * says how many.
 */
export function parseOptions(specs: readonly OptionSpec[], argv: readonly string[], command: string, positionals = 0): ParsedOptions {
  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    let spec: OptionSpec | undefined;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      spec = specs.find((o) => o.name === name);
      inline = eq < 0 ? undefined : arg.slice(eq + 1);
    } else if (/^-[A-Za-z]/.test(arg)) {
      spec = specs.find((o) => o.short === arg[1]);
      inline = arg.length > 2 ? arg.slice(2) : undefined;
    } else {
      if (rest.length >= positionals) throw new UsageError(`${command}: unexpected argument '${arg}'`);
      rest.push(arg);
      continue;
    }
    if (!spec) throw new UsageError(`${command}: unknown option '${arg}'; options are ${specs.map((o) => `--${o.name}`).join(', ')}`);
    if (!spec.repeatable && (values.has(spec.name) || flags.has(spec.name))) throw new UsageError(`${command}: --${spec.name} is given more than once`);
    if (!spec.value) {
      if (inline !== undefined) throw new UsageError(`${command}: --${spec.name} takes no value`);
      flags.add(spec.name);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`${command}: --${spec.name} needs a value (${spec.value})`);
    if (spec.choices && !spec.choices.includes(value)) {
      throw new UsageError(`${command}: --${spec.name} '${value}' is not allowed; choose one of ${spec.choices.join(', ')}`);
    }
    const list = values.get(spec.name) ?? [];
    list.push(value);
    values.set(spec.name, list);
  }
  return { values, flags, positionals: rest };
}

/** The `--help` lines of an option table. */
export function optionHelp(specs: readonly OptionSpec[]): string[] {
  return specs.map((o) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${o.name}${o.value ? ` ${o.value}` : ''}`;
    return `  ${flag.padEnd(28)} ${o.description}`;
  });
}
