// One request in detail: what it was, what ossduck serve answered, and for a
// refused one why: the explain code's checks, the expiry, the clock, and what
// the signer signed beside what the server computed, differences marked.
import { getJson } from './api.js';
import { h, replace } from './dom.js';
import { authLabel, formatBytes, formatDateTime, formatLatency, formatSeconds, statusClass, visible } from './format.js';
import { sideBySide } from './textDiff.js';

const CHECK_MARK = { ok: '✓', warn: '!', fail: '✕', skipped: '–' };

function facts(rows) {
  return h(
    'dl.facts',
    null,
    rows.filter(Boolean).map(([label, value]) => [h('dt', null, label), h('dd', null, value)]),
  );
}

function section(title, ...children) {
  return h('section.block', null, h('h3', null, title), children);
}

function expiryText(expiry) {
  const left = expiry.secondsLeft;
  const state = left >= 0 ? `${formatSeconds(left)} left when it arrived` : `expired ${formatSeconds(-left)} before it arrived`;
  const lifetime = expiry.lifetimeSeconds ? ` · lifetime ${formatSeconds(expiry.lifetimeSeconds)}` : '';
  return h('span', null, formatDateTime(expiry.expiresAt), ' ', h(`span.${left >= 0 ? 'good' : 'bad'}`, null, `(${state})`), h('span.muted', null, lifetime));
}

/** A cause as a sentence: capital first letter. */
function sentence(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A header signature's date against the server clock: ahead or behind, and whether within what OSS allows. */
function clockText(clock) {
  const ahead = clock.aheadSeconds;
  const off = Math.abs(ahead) > clock.allowedSeconds;
  const words = ahead === 0 ? 'the server’s second' : `${formatSeconds(ahead)} ${ahead > 0 ? 'ahead of' : 'behind'} the server`;
  return h('span', null, formatDateTime(clock.requestTime), ' ', h(`span.${off ? 'bad' : 'muted'}`, null, `(${words}; ${formatSeconds(clock.allowedSeconds)} allowed)`));
}

/** When a presigned URL was signed, against when it arrived: a URL from the future is a clock running ahead. */
function signedText(clock) {
  const ahead = clock.aheadSeconds;
  const off = ahead > clock.allowedSeconds;
  const words = ahead > 0 ? `dated ${formatSeconds(ahead)} after it arrived: the signer's clock runs ahead` : `${formatSeconds(-ahead)} before it arrived`;
  return h('span', null, formatDateTime(clock.requestTime), ' ', h(`span.${off ? 'bad' : 'muted'}`, null, `(${words})`));
}

function comparison(d) {
  if (!d.expected) return null;
  const { signed, expected } = d;
  const parts = [];
  const block = (title, left, right) => {
    if (right === null || right === undefined) return;
    parts.push(h('h4', null, title));
    if (!signed) {
      parts.push(h('pre.code.single', null, right));
      return;
    }
    parts.push(h('div.compare.code', null, sideBySide(left ?? '', right).flat()));
  };
  const intro = signed
    ? h('div.compare-heads', null, h('span', null, 'Signed by the client'), h('span', null, 'Computed from the request received'))
    : d.source === 'explain-url'
      ? h(
          'p.note',
          null,
          'What the client signed is not known: none of the usual changes (another method, other headers, an added parameter, a raw +, an edited expiry) makes the signature match. ',
          'Set this, computed from the request as it arrived, beside what your client signed (SDKs log it at debug level).',
        )
      : h('p.note', null, 'Computed from the request as it arrived. Set it beside what your client signed (SDKs log it at debug level): the first line that differs is the cause.');
  block('Canonical request', signed?.canonicalRequest, expected.canonicalRequest);
  block('String to sign', signed?.stringToSign, expected.stringToSign);
  return section('Signature', intro, parts);
}

function checkItem(c) {
  return h(`li.check.k-${c.status}`, null, h('span.mark', { title: c.status }, CHECK_MARK[c.status] ?? '?'), h('span.check-name', null, c.name), h('span.check-detail', null, c.detail));
}

/** Failed and warned checks in view; the ones that passed or were skipped folded away. */
function checks(list) {
  if (list.length === 0) return null;
  const open = list.filter((c) => c.status === 'fail' || c.status === 'warn');
  const rest = list.filter((c) => c.status !== 'fail' && c.status !== 'warn');
  const passed = rest.filter((c) => c.status === 'ok').length;
  return section(
    'Checks',
    h('ul.checks', null, open.map(checkItem)),
    rest.length > 0
      ? h(
          'details.more-checks',
          null,
          h('summary', null, `${passed} passed${rest.length > passed ? `, ${rest.length - passed} skipped` : ''}`),
          h('ul.checks', null, rest.map(checkItem)),
        )
      : null,
  );
}

function answer(a) {
  if (!a) return null;
  return section(
    'Answer',
    facts([
      ['Code', h('span', null, h('strong', null, a.code), ` · HTTP ${a.status} · EC ${a.ec}`)],
      ['Message', a.message],
      ...a.details.map(([name, value]) => [name, h('span.mono', null, value)]),
    ]),
  );
}

function requestBlock(req) {
  return section(
    'Request',
    h('pre.code.request-line', null, `${req.method} ${req.url}`),
    h('table.kv', null, h('tbody', null, req.headers.map(([name, value]) => h('tr', null, h('th', null, name), h('td', null, value))))),
  );
}

export class RequestDetail {
  element;
  #body;
  #current = null;

  constructor({ onClose }) {
    this.#body = h('div.detail-body');
    const close = h('button.icon-button.close', { type: 'button', title: 'Close (Esc)', 'aria-label': 'Close', onclick: onClose }, '✕');
    this.element = h('aside.detail', { hidden: true, 'aria-label': 'Request detail', id: 'request-detail' }, close, this.#body);
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !this.element.hidden) onClose();
    });
  }

  async show(seq, record) {
    this.#current = seq;
    this.element.hidden = false;
    replace(this.#body, this.#header(record), h('p.loading', null, 'Loading…'));
    let detail;
    try {
      detail = await getJson(`requests/${seq}`);
    } catch (error) {
      if (this.#current === seq) replace(this.#body, this.#header(record), h('p.error', null, error.message));
      return;
    }
    if (this.#current !== seq) return;
    replace(this.#body, this.#header(detail), ...this.#sections(detail));
  }

  close() {
    this.#current = null;
    this.element.hidden = true;
  }

  #header(r) {
    if (!r) return null;
    return h(
      'header.detail-head',
      null,
      h(
        'div.detail-title',
        null,
        h(`span.badge.big.s-${statusClass(r.status)}`, null, String(r.status)),
        h('span.detail-code', null, r.code ?? (r.status < 400 ? 'OK' : '')),
        h('span.verdict', { dataset: { verdict: r.verdict } }, r.verdict),
      ),
      h(
        'div.detail-target',
        null,
        h(`span.method.m-${r.method.toLowerCase()}`, null, r.method),
        r.service === 'sts' ? h('span', null, 'STS AssumeRole') : h('span.mono', null, `${visible(r.bucket ?? '')}${r.key === null ? '' : `/${visible(r.key)}`}`),
      ),
    );
  }

  #sections(d) {
    const diag = d.diagnosis;
    const ms = String(new Date(d.time).getMilliseconds()).padStart(3, '0');
    const rows = [
      ['Time', h('span', null, `${formatDateTime(d.time)}.${ms}`, h('span.muted', null, ' · request id '), h('span.mono', null, d.requestId))],
      ['Auth', h('span', null, authLabel(d), d.accessKeyId ? [h('span.muted', null, ' · AccessKeyId '), h('span.mono', null, d.accessKeyId)] : null)],
      diag?.expiry ? ['Expires', expiryText(diag.expiry)] : d.expiresAt ? ['Expires', formatDateTime(d.expiresAt)] : null,
      diag?.clock ? (diag.source === 'explain-url' ? ['Signed at', signedText(diag.clock)] : ['Request date', clockText(diag.clock)]) : null,
      ['Served in', `${formatLatency(d.latencyMs)} · ${formatBytes(d.bytesOut)} sent${d.bytesIn > 0 ? ` · ${formatBytes(d.bytesIn)} received` : ''}`],
      d.userAgent ? ['Client', h('span.mono', null, d.userAgent)] : null,
    ];
    const out = [];
    if (diag) out.push(h('div.cause', { role: 'note' }, h('span.cause-label', null, 'Likely cause'), h('p.cause-text', null, sentence(diag.cause))));
    out.push(facts(rows));
    if (diag) {
      out.push(comparison(diag));
      out.push(checks(diag.checks));
      if (diag.source === 'explain-url') out.push(h('p.note', null, 'Judged by the same code as ', h('code', null, 'ossduck explain-url'), ', at the instant the request arrived.'));
    }
    out.push(answer(d.answer));
    out.push(requestBlock(d.request));
    return out;
  }
}
