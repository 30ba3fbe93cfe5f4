import { UsageError } from './UsageError.js';

/** One command-line option, declared once: the parser, `--help` and docs/cli.md read the table it sits in. */
export interface OptionSpec<N extends string = string> {
  readonly name: N;
  readonly short?: string;
  /** What the value is called in help (`PATH`); an option without one is a flag. */
  readonly value?: string;
  readonly choices?: readonly string[];
  readonly repeatable?: boolean;
  readonly description: string;
}

/** What a command line said, read against an option table whose names `N` are. */
export interface ParsedOptions<N extends string = string> {
  /** Every value of option `name`, in the order given. */
  all(name: N): readonly string[];
  /** The value of option `name` (the last one given), or undefined. */
  last(name: N): string | undefined;
  /** Whether option `name` (a flag, or one with a value) was given. */
  has(name: N): boolean;
  /** The options with values in the order given, across names (`-c` and `-f` run in the order given). */
  readonly ordered: readonly { readonly name: N; readonly value: string }[];
  readonly positionals: readonly string[];
  /** Values by option name, in the order given. */
  readonly values: ReadonlyMap<N, readonly string[]>;
  /** The flags (options without values) given. */
  readonly flags: ReadonlySet<N>;
}

export interface ParseRules {
  /** How many positional arguments are taken (none by default). */
  readonly positionals?: number;
  /** The message for a positional argument beyond them. */
  readonly unexpected?: (arg: string) => string;
}

/**
 * Reads `argv` against an option table: `--name value`, `--name=value`,
 * `-x value`, `-xvalue`, flags without values. Pure: no I/O. Unknown options,
 * missing values, values not among the choices and repeated single options
 * are usage errors naming them, prefixed with `command` (`ossduck serve: ...`;
 * none for `ossduck` itself).
 */
export function parseOptions<const S extends readonly OptionSpec[]>(
  specs: S,
  argv: readonly string[],
  command: string,
  positionalRules: number | ParseRules = {},
): ParsedOptions<S[number]['name']> {
  type N = S[number]['name'];
  const rules: ParseRules = typeof positionalRules === 'number' ? { positionals: positionalRules } : positionalRules;
  const prefix = command === 'ossduck' ? '' : `${command}: `;
  const refuse = (detail: string): never => {
    throw new UsageError(`${prefix}${detail}`);
  };
  const values = new Map<N, string[]>();
  const given = new Set<N>();
  const flags = new Set<N>();
  const ordered: { name: N; value: string }[] = [];
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
      if (rest.length >= (rules.positionals ?? 0)) refuse(rules.unexpected ? rules.unexpected(arg) : `unexpected argument '${arg}'`);
      rest.push(arg);
      continue;
    }
    if (!spec) return refuse(`unknown option '${arg}'; options are ${specs.map((o) => `--${o.name}`).join(', ')}`);
    const name = spec.name as N;
    if (!spec.repeatable && given.has(name)) refuse(`--${spec.name} is given more than once`);
    given.add(name);
    if (!spec.value) {
      if (inline !== undefined) refuse(`--${spec.name} takes no value`);
      flags.add(name);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) return refuse(`--${spec.name} needs a value (${spec.value})`);
    if (spec.choices && !spec.choices.includes(value)) refuse(`--${spec.name} '${value}' is not allowed; choose one of ${spec.choices.join(', ')}`);
    values.set(name, [...(values.get(name) ?? []), value]);
    ordered.push({ name, value });
  }
  return {
    all: (name) => values.get(name) ?? [],
    last: (name) => values.get(name)?.at(-1),
    has: (name) => given.has(name),
    ordered,
    positionals: rest,
    values,
    flags,
  };
}

/** The `--help` lines of an option table. */
export function optionHelp(specs: readonly OptionSpec[]): string[] {
  return specs.map((o) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${o.name}${o.value ? ` ${o.value}` : ''}`;
    return `  ${flag.padEnd(28)} ${o.description}`;
  });
}
