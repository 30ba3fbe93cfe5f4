import { describe, expect, it } from 'vitest';
import { endpointHost, parseEndpointChoice, parseUrlScheme, resolveUrlAddress } from '../../src/oss/UrlForm.js';
import type { EndpointChoice } from '../../src/oss/UrlForm.js';

const HANGZHOU = { region: 'cn-hangzhou', product: 'oss' };

describe('parseUrlScheme', () => {
  it('reads https and http in any case', () => {
    expect(parseUrlScheme('HTTP')).toEqual({ value: 'http' });
    expect(parseUrlScheme(' https ')).toEqual({ value: 'https' });
  });

  it('names what is allowed otherwise', () => {
    expect(parseUrlScheme('ftp')).toEqual({ problem: 'allowed: https or http' });
  });
});

describe('parseEndpointChoice', () => {
  it.each([
    ['internal', { kind: 'internal' }],
    ['PUBLIC', { kind: 'public' }],
    ['accelerate', { kind: 'accelerate' }],
    ['location', { kind: 'location' }],
    ['Static.Example.com', { kind: 'custom', host: 'static.example.com' }],
    ['cdn.example.com:8443', { kind: 'custom', host: 'cdn.example.com:8443' }],
  ])('reads %s', (text, choice) => {
    expect(parseEndpointChoice(text)).toEqual({ value: choice });
  });

  it.each([
    ['https://static.example.com', 'without scheme or path'],
    ['static.example.com/dir', 'without scheme or path'],
    ['intranet', 'allowed: location'],
    ['bad_host.example.com', 'allowed: location'],
    ['oss-cn-beijing.aliyuncs.com', 'is an OSS endpoint, not a custom domain'],
  ])('refuses %s', (text, problem) => {
    const parsed = parseEndpointChoice(text);
    expect('problem' in parsed && parsed.problem).toContain(problem);
  });
});

describe('endpointHost', () => {
  const host = (choice: EndpointChoice, endpoint: string, scope = HANGZHOU) => endpointHost(choice, endpoint, scope);

  it('keeps the form of the LOCATION endpoint for internal and public', () => {
    expect(host({ kind: 'public' }, 'oss-cn-hangzhou-internal.aliyuncs.com')).toEqual({ value: { host: 'oss-cn-hangzhou.aliyuncs.com', style: 'virtual' } });
    expect(host({ kind: 'internal' }, 'oss-cn-hangzhou.aliyuncs.com')).toEqual({ value: { host: 'oss-cn-hangzhou-internal.aliyuncs.com', style: 'virtual' } });
    expect(host({ kind: 'internal' }, 'cn-hangzhou.oss.aliyuncs.com')).toEqual({ value: { host: 'cn-hangzhou-internal.oss.aliyuncs.com', style: 'virtual' } });
    expect(host({ kind: 'public' }, 'cn-hangzhou-internal.oss.aliyuncs.com')).toEqual({ value: { host: 'cn-hangzhou.oss.aliyuncs.com', style: 'virtual' } });
  });

  it('builds the region endpoint when the LOCATION names none', () => {
    expect(host({ kind: 'public' }, '127.0.0.1:9000', { region: 'cn-shanghai', product: 'oss' })).toEqual({ value: { host: 'oss-cn-shanghai.aliyuncs.com', style: 'virtual' } });
  });

  it('uses the LOCATION endpoint (path style for IPs), acceleration, and a custom domain as CNAME', () => {
    expect(host({ kind: 'location' }, '127.0.0.1:9000')).toEqual({ value: { host: '127.0.0.1:9000', style: 'path' } });
    expect(host({ kind: 'accelerate' }, 'oss-cn-hangzhou.aliyuncs.com')).toEqual({ value: { host: 'oss-accelerate.aliyuncs.com', style: 'virtual' } });
    expect(host({ kind: 'custom', host: 'static.example.com' }, 'oss-cn-hangzhou.aliyuncs.com')).toEqual({ value: { host: 'static.example.com', style: 'cname' } });
  });

  it('has no public, internal or acceleration endpoint for CloudBox buckets', () => {
    const cloudbox = { region: 'cb-123', product: 'oss-cloudbox' };
    for (const kind of ['public', 'internal', 'accelerate'] as const) {
      const chosen = host({ kind }, 'cb-123.cn-hangzhou.oss-cloudbox.aliyuncs.com', cloudbox);
      expect('problem' in chosen && chosen.problem).toContain('CloudBox');
    }
  });
});

describe('resolveUrlAddress', () => {
  it('writes the chosen endpoint with the chosen scheme, https by default', () => {
    expect(resolveUrlAddress('oss-cn-hangzhou.aliyuncs.com', HANGZHOU, { endpoint: { kind: 'internal' } }, {})).toEqual({
      value: { scheme: 'https', host: 'oss-cn-hangzhou-internal.aliyuncs.com', style: 'virtual' },
    });
    expect(resolveUrlAddress('oss-cn-hangzhou.aliyuncs.com', HANGZHOU, { scheme: 'http' }, {})).toEqual({
      value: { scheme: 'http', host: 'oss-cn-hangzhou.aliyuncs.com', style: 'virtual' },
    });
  });

  it('sends every URL to the routed origin, whatever endpoint and scheme say, but still checks the endpoint', () => {
    const routing = { oss: { scheme: 'http' as const, host: '127.0.0.1:9000' } };
    const custom = { scheme: 'https' as const, endpoint: { kind: 'custom' as const, host: 'static.example.com' } };
    expect(resolveUrlAddress('oss-cn-hangzhou.aliyuncs.com', HANGZHOU, custom, routing)).toEqual({
      value: { scheme: 'http', host: '127.0.0.1:9000', style: 'path' },
    });
    const refused = resolveUrlAddress('cb-1.cn-hangzhou.oss-cloudbox.aliyuncs.com', { region: 'cb-1', product: 'oss-cloudbox' }, { endpoint: { kind: 'public' } }, routing);
    expect('problem' in refused).toBe(true);
  });
});
