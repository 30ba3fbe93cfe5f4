import { describe, expect, it } from 'vitest';
import { CatalogError } from '../../src/catalog/CatalogError.js';
import { parseAllowedMethods, parseMaxTtl, readTableUrlProperties } from '../../src/catalog/TableUrlProperties.js';

function refusal(tbl: Record<string, string>, serde: Record<string, string> = {}): CatalogError {
  try {
    readTableUrlProperties(tbl, serde);
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogError);
    return error as CatalogError;
  }
  throw new Error('no error');
}

describe('readTableUrlProperties', () => {
  it('reads every URL property', () => {
    expect(
      readTableUrlProperties({
        'ossduck.url.scheme': 'HTTP',
        'ossduck.url.endpoint': 'public',
        'ossduck.max_ttl': '600',
        'ossduck.allowed_methods': 'get, Head,GET',
        'other.key': 'kept as it is',
      }),
    ).toEqual({ scheme: 'http', endpoint: { kind: 'public' }, maxTtl: 600, allowedMethods: ['GET', 'HEAD'] });
  });

  it('leaves out what is not given', () => {
    expect(readTableUrlProperties({})).toEqual({ scheme: undefined, endpoint: undefined, maxTtl: undefined, allowedMethods: undefined });
  });

  it.each([
    [{ 'ossduck.url.scheme': 'ftp' }, "TBLPROPERTIES 'ossduck.url.scheme'='ftp' is not allowed; allowed: https or http"],
    [{ 'ossduck.url.endpoint': 'vpc' }, "TBLPROPERTIES 'ossduck.url.endpoint'='vpc' is not allowed; allowed: location"],
    [{ 'ossduck.max_ttl': '0' }, "TBLPROPERTIES 'ossduck.max_ttl'='0' is not allowed; allowed: a whole number of seconds from 1 to 604800 (7 days)"],
    [{ 'ossduck.max_ttl': '604801' }, "'ossduck.max_ttl'='604801' is not allowed"],
    [{ 'ossduck.max_ttl': '1h' }, "'ossduck.max_ttl'='1h' is not allowed"],
    [{ 'ossduck.allowed_methods': 'GET,DELETE' }, "'ossduck.allowed_methods'='GET,DELETE' is not allowed; allowed: a comma-separated list of GET, PUT, HEAD"],
    [{ 'ossduck.allowed_methods': '' }, "'ossduck.allowed_methods'='' is not allowed"],
    [{ 'ossduck.max-ttl': '60' }, "unknown TBLPROPERTIES key 'ossduck.max-ttl': ossduck's table properties are ossduck.url.scheme, ossduck.url.endpoint, ossduck.max_ttl, ossduck.allowed_methods, ossduck.region"],
  ])('refuses %j', (tbl, message) => {
    const error = refusal(tbl);
    expect(error.code).toBe('ODPS-0130071');
    expect(error.detail).toContain(message);
  });

  it('says a URL property belongs in TBLPROPERTIES when given as a serde property', () => {
    expect(refusal({}, { 'ossduck.max_ttl': '60' }).detail).toBe(
      "unknown SERDEPROPERTIES key 'ossduck.max_ttl': ossduck's serde properties are ossduck.region; ossduck.max_ttl belongs in TBLPROPERTIES",
    );
  });
});

describe('parseAllowedMethods and parseMaxTtl', () => {
  it('read lists and numbers', () => {
    expect(parseAllowedMethods('put')).toEqual(['PUT']);
    expect(parseAllowedMethods('GET,,PUT')).toBeUndefined();
    expect(parseMaxTtl(' 604800 ')).toBe(604800);
    expect(parseMaxTtl('-1')).toBeUndefined();
    expect(parseMaxTtl('1.5')).toBeUndefined();
  });
});
