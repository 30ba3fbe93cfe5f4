// How values read in the console: sizes, instants, durations, auth kinds, statuses.

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** 0 B, 812 B, 4.1 KB, 12 MB (powers of 1024, as OSS consoles show sizes). */
export function formatBytes(bytes) {
  if (bytes === null || bytes === undefined) return '';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value < 10 ? value.toFixed(1) : Math.round(value)} ${UNITS[unit]}`;
}

const pad = (n, width = 2) => String(n).padStart(width, '0');

/** 14:03:27.412 in local time. */
export function formatClock(iso) {
  const d = new Date(iso);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** 2026-12-05 14:03:27 in local time. */
export function formatDateTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** 0.4 ms, 12 ms, 1.3 s. */
export function formatLatency(ms) {
  if (ms < 1) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** 45 s, 3 min 20 s, 2 h 5 min, 6 d 1 h. */
export function formatSeconds(seconds) {
  let rest = Math.abs(Math.trunc(seconds));
  if (rest === 0) return '0 s';
  const parts = [];
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['min', 60], ['s', 1]]) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) parts.push(`${count} ${unit}`);
    if (parts.length === 2) break;
  }
  return parts.join(' ');
}

const AUTH = {
  anonymous: 'anonymous',
  'v1-header': 'V1 header',
  'v1-query': 'V1 URL',
  'v4-header': 'V4 header',
  'v4-query': 'V4 URL',
  'sts-rpc': 'STS RPC',
  'sts-acs3': 'STS ACS3',
};

/** V4 URL, V1 header · STS, anonymous. */
export function authLabel(record) {
  const base = AUTH[record.auth] ?? record.auth;
  return record.sts && record.service === 'oss' ? `${base} · STS` : base;
}

/** The class of a status badge: ok, redirect, client, denied, server. */
export function statusClass(status) {
  if (status >= 500) return 'server';
  if (status === 403 || status === 401) return 'denied';
  if (status >= 400) return 'client';
  if (status >= 300) return 'redirect';
  return 'ok';
}

/** A key or name as one readable line: control characters made visible. */
export function visible(text) {
  if (text === null || text === undefined) return '';
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f]/.test(text) ? JSON.stringify(text).slice(1, -1) : text;
}
