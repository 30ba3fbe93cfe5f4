import { describe, expect, it } from 'vitest';
import { splitInput } from '../../src/cli/splitInput.js';

describe('splitInput', () => {
  it.each([
    ['SELECT 1;', 'SELECT 1;', ''],
    ['SELECT 1', '', 'SELECT 1'],
    ['SELECT\n  1 + 1;', 'SELECT\n  1 + 1;', ''],
    ['SELECT 1; SELECT 2;', 'SELECT 1; SELECT 2;', ''],
    ['SELECT 1; SELECT', 'SELECT 1;', ' SELECT'],
    ['SELECT 1;   ', 'SELECT 1;', ''],
    ['SELECT 1; -- done', 'SELECT 1;', ''],
    ['SELECT 1; /* done */', 'SELECT 1;', ''],
  ])('%j runs %j and keeps %j', (buffer, complete, pending) => {
    expect(splitInput(buffer)).toEqual({ complete, pending });
  });

  it.each([
    ["SELECT 'a;", 'an open string'],
    ["SELECT 'it\\'s;", 'a string with a backslash-escaped quote'],
    ["SELECT 'it''s;", 'a string with a doubled quote'],
    ['SELECT `a;', 'an open backtick identifier'],
    ['SELECT "a;', 'an open double-quoted identifier'],
    ['SELECT 1 /* a;', 'an open comment'],
    ['SELECT 1; /* a;', 'an open comment after a complete statement'],
    ['SELECT 1 -- a;', 'a line comment'],
  ])('keeps reading %j (%s)', (buffer) => {
    expect(splitInput(buffer)).toEqual({ complete: '', pending: buffer });
  });

  it('finds the end once the string is closed on a later line', () => {
    expect(splitInput("SELECT 'a;\nb';")).toEqual({ complete: "SELECT 'a;\nb';", pending: '' });
    expect(splitInput("SELECT 'it\\'s';")).toEqual({ complete: "SELECT 'it\\'s';", pending: '' });
  });

  it('has nothing to run or keep for blanks, comments and stray semicolons', () => {
    expect(splitInput('')).toEqual({ complete: '', pending: '' });
    expect(splitInput('   ')).toEqual({ complete: '', pending: '' });
    expect(splitInput('-- just a note')).toEqual({ complete: '', pending: '' });
    expect(splitInput(';')).toEqual({ complete: ';', pending: '' });
    expect(splitInput('SELECT 1;;')).toEqual({ complete: 'SELECT 1;;', pending: '' });
  });
});
