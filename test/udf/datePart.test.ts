import { describe, expect, it } from 'vitest';
import { ALLOWED_DATE_PARTS, datePart } from '../../src/udf/datePart.js';
import { FunctionError } from '../../src/udf/FunctionError.js';

describe('datePart', () => {
  it.each([
    ['year', 'year'], ['yyyy', 'year'], ['quarter', 'quarter'], ['q', 'quarter'], ['month', 'month'], ['mon', 'month'],
    ['mm', 'month'], ['week', 'week1'], ['day', 'day'], ['dd', 'day'], ['hour', 'hour'], ['hh', 'hour'], ['mi', 'minute'],
    ['ss', 'second'], ['ff3', 'millisecond'], ['ff6', 'microsecond'], ['DD', 'day'], ['MM', 'month'], ['YYYY', 'year'], ['Mon', 'month'],
  ] as const)('DATEADD takes %s as %s', (text, unit) => {
    expect(datePart('DATEADD', text)).toBe(unit);
  });

  it.each([
    ['week', 'week1'], ['isoweek', 'week1'], ['week(MONDAY)', 'week1'], ['week(tuesday)', 'week2'], ['WEEK( Saturday )', 'week6'],
    ['week(SUNDAY)', 'week7'], ['yyyy', 'year'], ['mon', 'month'], ['dd', 'day'], ['hh', 'hour'], ['mi', 'minute'], ['ss', 'second'],
    ['ff3', 'millisecond'], ['ff6', 'microsecond'],
  ] as const)('DATEDIFF takes %s as %s', (text, unit) => {
    expect(datePart('DATEDIFF', text)).toBe(unit);
  });

  it.each([
    ['DATEPART', 'yyyy', 'year'], ['DATEPART', 'Month', 'month'], ['DATEPART', 'mon', 'month'], ['DATEPART', 'dd', 'day'],
    ['DATEPART', 'hour', 'hour'], ['DATEPART', 'mi', 'minute'], ['DATEPART', 'ss', 'second'], ['DATETRUNC', 'q', 'quarter'],
    ['DATETRUNC', 'quarter', 'quarter'], ['DATETRUNC', 'isoweek', 'week1'], ['DATETRUNC', 'week(friday)', 'week5'],
    ['DATETRUNC', 'ff3', 'millisecond'], ['DATETRUNC', 'MM', 'month'], ['LAST_DAY', 'isoyear', 'isoyear'], ['LAST_DAY', 'Q', 'quarter'],
    ['LAST_DAY', 'week(sunday)', 'week7'], ['LAST_DAY', 'isoweek', 'week1'],
  ] as const)('%s takes %s as %s', (fn, text, unit) => {
    expect(datePart(fn, text)).toBe(unit);
  });

  it('lists the parts each function takes from the one table, in the order they are documented', () => {
    expect(ALLOWED_DATE_PARTS).toEqual({
      DATEADD: 'year|yyyy, quarter|q, month|mon|mm, week, day|dd, hour|hh, mi, ss, ff3, ff6',
      DATEDIFF: 'year|yyyy, month|mon|mm, week, week(MONDAY) to week(SUNDAY), isoweek, day|dd, hour|hh, mi, ss, ff3, ff6',
      DATEPART: 'year|yyyy, month|mon|mm, day|dd, hour|hh, mi, ss',
      DATETRUNC: 'year|yyyy, quarter|q, month|mon|mm, week, week(MONDAY) to week(SUNDAY), isoweek, day|dd, hour|hh, mi, ss, ff3',
      LAST_DAY: 'year|yyyy, isoyear, quarter|q, month|mon|mm, week, week(MONDAY) to week(SUNDAY), isoweek',
    });
  });

  it.each([
    ['DATEPART', 'q'], ['DATEPART', 'week'], ['DATEPART', 'ff3'], ['DATEPART', 'week(MONDAY)'], ['DATETRUNC', 'ff6'],
    ['DATETRUNC', 'minute'], ['LAST_DAY', 'dd'], ['LAST_DAY', 'hh'],
  ] as const)('%s refuses %j, naming it and the allowed values', (fn, text) => {
    expect(() => datePart(fn, text)).toThrow(`${fn}: datepart '${text}' is not supported; allowed (any case): ${ALLOWED_DATE_PARTS[fn]}`);
  });

  it.each([
    ['DATEADD', 'minute'], ['DATEADD', 'second'], ['DATEADD', 'isoweek'], ['DATEADD', 'week(SUNDAY)'], ['DATEADD', ' dd'], ['DATEADD', ''],
    ['DATEDIFF', 'quarter'], ['DATEDIFF', 'q'], ['DATEDIFF', 'week(funday)'], ['DATEDIFF', 'toString'], ['DATEADD', '__proto__'],
  ] as const)('%s refuses %j, naming it and the allowed values', (fn, text) => {
    let error: unknown;
    try {
      datePart(fn, text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FunctionError);
    const e = error as FunctionError;
    expect(e.code).toBe('ODPS-0121095');
    expect(e.detail).toContain(`${fn}: datepart '${text}' is not supported`);
    expect(e.detail).toContain(fn === 'DATEADD' ? 'quarter|q' : 'week(MONDAY) to week(SUNDAY), isoweek');
  });
});
