import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFormatter, compileParser, dateFormat, daysFromCivil, wallParts } from '../../src/udf/dateFormat.js';
import { FunctionError } from '../../src/udf/FunctionError.js';

/** DuckDB TIMESTAMP microseconds of a wall time, counted as if UTC. */
function micros(iso: string): bigint {
  return BigInt(Date.parse(`${iso}Z`)) * 1000n;
}

function thrown(run: () => unknown): FunctionError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(FunctionError);
    return error as FunctionError;
  }
  throw new Error('nothing thrown');
}

describe('dateFormat', () => {
  it('splits letters in any case from literal text, mm always the month and mi the minute', () => {
    expect(dateFormat('yyyy-MM-dd HH:mi:ss.FF3')).toEqual([
      { kind: 'field', field: 'yyyy' }, { kind: 'literal', text: '-' }, { kind: 'field', field: 'mm' }, { kind: 'literal', text: '-' },
      { kind: 'field', field: 'dd' }, { kind: 'literal', text: ' ' }, { kind: 'field', field: 'hh' }, { kind: 'literal', text: ':' },
      { kind: 'field', field: 'mi' }, { kind: 'literal', text: ':' }, { kind: 'field', field: 'ss' }, { kind: 'literal', text: '.' },
      { kind: 'field', field: 'ff3' },
    ]);
    expect(dateFormat('阿里巴巴yyyymmddhhmi')).toEqual([
      { kind: 'literal', text: '阿里巴巴' }, { kind: 'field', field: 'yyyy' }, { kind: 'field', field: 'mm' }, { kind: 'field', field: 'dd' },
      { kind: 'field', field: 'hh' }, { kind: 'field', field: 'mi' },
    ]);
    expect(dateFormat('yyy y')).toEqual([{ kind: 'literal', text: 'yyy y' }]);
  });
});

describe('wallParts', () => {
  it('agrees with Date for 2,000 instants from year 0 to 9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62167219200000, max: 253402300799999 }), fc.integer({ min: 0, max: 999 }), (ms, us) => {
        const d = new Date(ms);
        const p = wallParts(BigInt(ms) * 1000n + BigInt(us));
        expect([p.year, p.month, p.day, p.hour, p.minute, p.second, p.micros]).toEqual([
          d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds() * 1000 + us,
        ]);
        expect(p.weekday).toBe(((d.getUTCDay() + 6) % 7) + 1);
        expect(daysFromCivil(p.year, p.month, p.day)).toBe(Math.floor(ms / 86_400_000));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('compileFormatter', () => {
  it.each([
    ['yyyy-mm-dd', '2025-03-05 14:30:00', '2025-03-05'],
    ['Alibaba Finance yyyy-mm*dd', '2010-12-03 00:00:00', 'Alibaba Finance 2010-12*03'],
    ['yyyymmdd', '2008-07-18 00:00:00', '20080718'],
    ['YYYY/MM/DD HH:MI:SS.FF3', '0999-01-02 03:04:05.678', '0999/01/02 03:04:05.678'],
    ['100% hh', '2025-01-01 23:00:00', '100% 23'],
    ['%Y-%m-%d %H:%M:%S', '2025-07-20 07:30:00', '2025-07-20 07:30:00'],
    ['%y %I%p %j %a %A %b %B %f %g %%', '2025-02-03 13:04:05.123', '25 01PM 034 Mon Monday Feb February 123000 123 %'],
  ])('formats %j', (format, wall, expected) => {
    expect(compileFormatter('TO_CHAR', format)(micros(wall.replace(' ', 'T')))).toBe(expected);
  });

  it('refuses a % specifier it does not know, naming it and the allowed ones', () => {
    const error = thrown(() => compileFormatter('TO_CHAR', '%Y-%Q'));
    expect(error.code).toBe('ODPS-0121095');
    expect(error.detail).toContain("TO_CHAR: format '%Y-%Q' has '%Q', which is no format specifier");
    expect(error.detail).toContain('%Y %y %m %d %H');
    expect(thrown(() => compileFormatter('TO_CHAR', 'yyyy%m%')).detail).toContain("has '%'");
  });
});

describe('compileParser', () => {
  const parse = (format: string, text: string): string | null | undefined => {
    const parser = compileParser('TO_DATE', format);
    if (!parser) return undefined;
    const value = parser(text);
    return value === null ? null : new Date(Number(value / 1000n)).toISOString();
  };

  it.each([
    ['yyyymmdd', '20250112', '2025-01-12T00:00:00.000Z'],
    ['yyyymmddhhmi', '202501281212', '2025-01-28T12:12:00.000Z'],
    ['阿里巴巴yyyy-mm*dd', '阿里巴巴2025-01*27', '2025-01-27T00:00:00.000Z'],
    ['yyyymmdd hh-mi-ss.ff3', '20251030 15-13-12.345', '2025-10-30T15:13:12.345Z'],
    ['yyyy-mm-ddThh:mi:ss.ff3Z', '2025-09-24T13:39:34.119Z', '2025-09-24T13:39:34.119Z'],
    ['yyyy', '2025', '2025-01-01T00:00:00.000Z'],
    ['(yyyy)[mm]{dd}+$', '(2024)[02]{29}+$', '2024-02-29T00:00:00.000Z'],
    ['yyyymmdd', '2025112', null],
    ['阿里巴巴yyyy-mm*dd', '阿里巴巴2025-12*3', null],
    ['yyyy', '2025-24-01', null],
    ['yyyy-mm-dd', '2025-02-29', null],
    ['yyyy-mm-dd', '2025-13-01', null],
    ['yyyy-mm-dd', '2025-00-10', null],
    ['yyyy-mm-dd hh', '2025-01-01 24', null],
    ['yyyy-mm-dd', ' 2025-01-01', null],
    ['yyyy-mm-dd', '２０２５-01-01', null],
    ['yyyy-yyyy', '1234-2234', undefined],
    ['mm-dd', '01-02', undefined],
    ['yyyy-mm-mm', '2025-01-01', undefined],
  ])('reads %j %j as %j', (format, text, expected) => {
    expect(parse(format, text)).toBe(expected);
  });

  it.each([
    ['yyyy-MM-dd HH:mm:ss', "format string has second part, but doesn't have minute part : yyyy-MM-dd HH:mm:ss"],
    ['yyyyMMddHHmmss', "format string has second part, but doesn't have minute part : yyyyMMddHHmmss"],
    ['yyyy-mm-dd mi', "format string has minute part, but doesn't have hour part : yyyy-mm-dd mi"],
    ['yyyy-mm-dd hh:mi ff3', "format string has millisecond part, but doesn't have second part : yyyy-mm-dd hh:mi ff3"],
  ])('refuses %j as MaxCompute does', (format, message) => {
    const error = thrown(() => compileParser('TO_DATE', format));
    expect(error.code).toBe('ODPS-0121095');
    expect(error.detail).toBe(`TO_DATE: ${message}`);
  });
});
