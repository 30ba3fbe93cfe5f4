import { describe, expect, it } from 'vitest';
import { Settings } from '../../src/session/Settings.js';

describe('Settings', () => {
  it('has MaxCompute defaults', () => {
    const s = new Settings();
    expect(s.timezone).toBe('Asia/Shanghai');
    expect(s.signatureVersion).toBe('v4');
    expect(s.signingTime).toBeUndefined();
    expect(s.namespaceSchema).toBe(true);
  });

  it('records any odps.* key', () => {
    const s = new Settings();
    s.set('odps.mcqa.disable', 'true');
    expect(s.get('odps.mcqa.disable')).toBe('true');
    expect(s.entries()).toEqual([['odps.mcqa.disable', 'true']]);
  });

  it('validates the time zone by IANA name and refuses GMT+N', () => {
    const s = new Settings();
    s.set('odps.sql.timezone', 'UTC');
    expect(s.timezone).toBe('UTC');
    expect(() => s.set('odps.sql.timezone', 'GMT+8')).toThrow(/GMT\+N forms are not accepted/);
    expect(() => s.set('odps.sql.timezone', 'Mars/Olympus')).toThrow(/'Mars\/Olympus' is not a time zone/);
  });

  it('fixes and clears the signing instant', () => {
    const s = new Settings();
    s.set('ossduck.signing_time', '2026-11-23T12:00:00Z');
    expect(s.signingTime).toBe(Date.UTC(2026, 10, 23, 12));
    s.set('ossduck.signing_time', '2026-11-23T20:00:00+08:00');
    expect(s.signingTime).toBe(Date.UTC(2026, 10, 23, 12));
    s.set('ossduck.signing_time', '');
    expect(s.signingTime).toBeUndefined();
    expect(() => s.set('ossduck.signing_time', 'tomorrow')).toThrow(/not an ISO-8601 instant/);
  });

  it('reads an instant without offset in odps.sql.timezone', () => {
    const s = new Settings({ 'odps.sql.timezone': 'Asia/Shanghai' });
    s.set('ossduck.signing_time', '2026-11-23T20:00:00');
    expect(s.signingTime).toBe(Date.UTC(2026, 10, 23, 12));
  });

  it('switches the signature version in any case and refuses others', () => {
    const s = new Settings();
    s.set('ossduck.signature_version', 'V1');
    expect(s.signatureVersion).toBe('v1');
    expect(() => s.set('ossduck.signature_version', 'v2')).toThrow(/use v4 or v1/);
  });

  it('refuses unknown ossduck.* keys, listing the known ones', () => {
    expect(() => new Settings().set('ossduck.signing_tme', 'x')).toThrow(/unknown setting 'ossduck.signing_tme': ossduck settings are ossduck.signing_time/);
  });
});
