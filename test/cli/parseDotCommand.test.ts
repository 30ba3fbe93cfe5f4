import { describe, expect, it } from 'vitest';
import { DOT_COMMANDS, dotCommandArguments, dotHelpText, parseDotCommand } from '../../src/cli/parseDotCommand.js';
import { ShellError } from '../../src/cli/ShellError.js';

describe('parseDotCommand', () => {
  it.each([
    ['.help', { kind: 'help' }],
    ['  .tables  ', { kind: 'tables' }],
    ['.schema', { kind: 'schema', table: undefined }],
    ['.schema docs', { kind: 'schema', table: 'docs' }],
    ['.schema my_project.my_schema.docs', { kind: 'schema', table: 'my_project.my_schema.docs' }],
    ['.schema `we ird`', { kind: 'schema', table: '`we ird`' }],
    ['.mode', { kind: 'mode', format: undefined }],
    ['.mode line', { kind: 'mode', format: 'line' }],
    ['.mode MARKDOWN', { kind: 'mode', format: 'markdown' }],
    ['.mode box', { kind: 'mode', format: 'box' }],
    ['.mode csv', { kind: 'mode', format: 'csv' }],
    ['.mode json', { kind: 'mode', format: 'json' }],
    ['.mode jsonl', { kind: 'mode', format: 'jsonl' }],
    ['.timer on', { kind: 'timer', on: true }],
    ['.timer OFF', { kind: 'timer', on: false }],
    ['.maxrows 0', { kind: 'maxrows', count: 0 }],
    ['.read job.sql', { kind: 'read', path: 'job.sql' }],
    ['.read "my job.sql"', { kind: 'read', path: 'my job.sql' }],
    [".read 'my job.sql'", { kind: 'read', path: 'my job.sql' }],
    ['.open', { kind: 'open', path: undefined }],
    ['.open ~/warehouse', { kind: 'open', path: '~/warehouse' }],
    ['.quit', { kind: 'quit' }],
    ['.exit', { kind: 'quit' }],
    ['.QUIT', { kind: 'quit' }],
  ])('reads %j', (line, command) => {
    expect(parseDotCommand(line)).toEqual(command);
  });

  it.each([
    ['.bogus', "unknown command '.bogus'; dot commands are .help, .tables, .schema, .mode, .maxrows, .timer, .read, .open, .quit, .exit"],
    ['.', "unknown command '.'; dot commands are"],
    ['.mode xml', ".mode 'xml' is not an output format; choose one of box, jsonl, json, csv, markdown, line"],
    ['.mode box csv', '.mode takes 0 to 1 argument'],
    ['.timer', '.timer takes 1 argument, got no arguments; usage: .timer on|off'],
    ['.timer maybe', ".timer 'maybe' must be on or off"],
    ['.maxrows -1', ".maxrows '-1' must be a whole number of rows"],
    ['.read', '.read takes 1 argument, got no arguments; usage: .read FILE'],
    ['.read a b', '.read takes 1 argument, got 2 arguments (a b)'],
    ['.read "a.sql', 'unterminated " in arguments'],
    ['.tables extra', '.tables takes 0 arguments, got 1 argument (extra)'],
    ['.schema t; DROP TABLE x', '.schema takes 0 to 1 argument'],
    ['.schema a.b.c.d', ".schema 'a.b.c.d' is not a table name"],
    ['.schema t;', ".schema 't;' is not a table name"],
    ['.quit now', '.quit takes 0 arguments'],
  ])('refuses %j with a clear error', (line, message) => {
    let error: unknown;
    try {
      parseDotCommand(line);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ShellError);
    expect((error as ShellError).format()).toContain(message);
    expect((error as ShellError).format()).toMatch(/^Error: /);
  });

  it('splits arguments at blanks, keeping quoted blanks', () => {
    expect(dotCommandArguments(`  a  "b c"  'd e'f  `)).toEqual(['a', 'b c', 'd ef']);
    expect(dotCommandArguments('')).toEqual([]);
  });

  it('explains every dot command in .help', () => {
    const help = dotHelpText();
    for (const c of DOT_COMMANDS) expect(help).toContain(c.usage);
  });
});
