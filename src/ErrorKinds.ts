/**
 * Every kind of error ossduck reports, one row each: MaxCompute's error code
 * and the description MaxCompute prints after it (or ossduck's own code for
 * mistakes on the command line and in the shell), and when it is used.
 * Errors are made by the named constructors of OssduckError's subclasses,
 * which take a kind from here; no code is written anywhere else, and
 * docs/errors.md is checked against this table.
 */
export const ERROR_KINDS = {
  parse: { code: 'ODPS-0130161', description: 'Parse exception', when: 'a statement cannot be read' },
  semantic: { code: 'ODPS-0130071', description: 'Semantic analysis exception', when: 'a statement reads but means nothing valid' },
  tableNotFound: { code: 'ODPS-0130131', description: 'Table not found', when: 'a name resolves to no table' },
  tableExists: { code: 'ODPS-0130211', description: 'Table or view already exists', when: 'CREATE of a name that is taken' },
  invalidSchema: { code: 'ODPS-0130261', description: 'Invalid schema', when: 'a schema that does not exist, or cannot be used so' },
  argumentCount: {
    code: 'ODPS-0130221',
    description: 'Invalid number of arguments',
    when: 'a built-in function called with too few or too many arguments',
  },
  invalidArgument: { code: 'ODPS-0121095', description: 'Invalid arguments', when: 'a built-in function given an argument it cannot take' },
  argumentOutOfRange: {
    code: 'ODPS-0121065',
    description: 'Argument value out of range',
    when: 'a built-in function given a value outside the allowed range',
  },
  invalidArgumentType: {
    code: 'ODPS-0130121',
    description: 'Invalid argument type',
    when: 'a built-in function given an argument of a type it does not take',
  },
  illegalCast: { code: 'ODPS-0123091', description: 'Illegal type cast', when: 'a value that cannot be converted to the type asked for' },
  overflow: { code: 'ODPS-0121145', description: 'Data overflow', when: 'a value outside its type' },
  authorization: { code: 'ODPS-0130013', description: 'Authorization exception', when: 'missing or refused credentials, STS failures' },
  io: { code: 'ODPS-0130025', description: 'Failed to I/O', when: 'a failed call to OSS or STS, or a warehouse file that cannot be used' },
  cancelled: { code: 'ODPS-0120031', description: 'Instance has been cancelled', when: 'a statement stopped by Ctrl-C or interrupt()' },
  internal: { code: 'ODPS-0010000', description: 'System internal error', when: "ossduck's own failures that are not the user's fault" },
  usage: { code: 'OSSDUCK-USAGE', description: 'Usage error', when: 'a command line ossduck cannot read' },
  shell: { code: 'OSSDUCK-SHELL', description: 'Shell error', when: 'a dot command that is unknown or given bad arguments' },
} as const;

export type ErrorKind = keyof typeof ERROR_KINDS;
