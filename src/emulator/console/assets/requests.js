// The live request list: every request ossduck serve finishes, newest first,
// pushed by server-sent events; filters by status, bucket and key; a click
// opens the request's detail (and, for a refused one, its diagnosis).
import { eventsUrl } from './api.js';
import { h, replace } from './dom.js';
import { authLabel, formatBytes, formatClock, formatLatency, statusClass, visible } from './format.js';
import { RequestDetail } from './requestDetail.js';

const STATUS_FILTERS = [
  ['all', 'All'],
  ['2xx', '2xx'],
  ['3xx', '3xx'],
  ['4xx', '4xx'],
  ['5xx', '5xx'],
  ['refused', 'Refused'],
];

function statusMatches(filter, r) {
  if (filter === 'all') return true;
  if (filter === 'refused') return r.verdict === 'refused';
  return Math.floor(r.status / 100) === Number(filter[0]);
}

export class RequestsView {
  #root;
  #capacity;
  #onCount;
  #onLive;
  #records = [];
  #pending = [];
  #paused = false;
  #filter = { status: 'all', bucket: '', key: '' };
  #selected = null;
  #flushScheduled = false;
  #tbody;
  #stats;
  #pauseButton;
  #empty;
  #detail;
  #source;
  #instance;

  constructor(root, { capacity, onCount, onLive, ossUrl }) {
    this.#root = root;
    this.#capacity = capacity;
    this.#onCount = onCount;
    this.#onLive = onLive;
    this.#detail = new RequestDetail({ onClose: () => this.#select(null) });
    this.#build(ossUrl);
  }

  #build(ossUrl) {
    const segments = h(
      'div.segmented',
      { role: 'group', 'aria-label': 'Status' },
      STATUS_FILTERS.map(([value, label]) =>
        h('button', { type: 'button', dataset: { status: value }, class: value === 'all' ? 'active' : '', onclick: () => this.#setFilter({ status: value }) }, label),
      ),
    );
    const bucket = h('input.filter', { type: 'search', placeholder: 'Bucket', 'aria-label': 'Filter by bucket', id: 'filter-bucket', spellcheck: false });
    const key = h('input.filter.wide', { type: 'search', placeholder: 'Key contains…', 'aria-label': 'Filter by key', id: 'filter-key', spellcheck: false });
    bucket.addEventListener('input', () => this.#setFilter({ bucket: bucket.value.trim() }));
    key.addEventListener('input', () => this.#setFilter({ key: key.value }));
    this.#stats = h('span.stats');
    this.#pauseButton = h('button.button', { type: 'button', id: 'pause', onclick: () => this.#togglePause() }, 'Pause');
    const clear = h('button.button', { type: 'button', id: 'clear', onclick: () => this.#clear() }, 'Clear');
    const toolbar = h('div.toolbar', null, segments, bucket, key, h('span.spacer'), this.#stats, this.#pauseButton, clear);
    this.#tbody = h('tbody');
    const table = h(
      'table.grid.requests',
      null,
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th.c-time', null, 'Time'),
          h('th.c-method', null, 'Method'),
          h('th.c-status', null, 'Status'),
          h('th.c-bucket', null, 'Bucket'),
          h('th.c-key', null, 'Key'),
          h('th.c-auth', null, 'Auth'),
          h('th.c-num', null, 'Latency'),
          h('th.c-num', null, 'Bytes'),
        ),
      ),
      this.#tbody,
    );
    this.#empty = h(
      'div.empty',
      null,
      h('p.empty-title', null, 'Waiting for requests'),
      h('p', null, 'Point an OSS client, a presigned URL or ossduck at ', h('code', null, ossUrl), ': each request appears here the moment it is answered.'),
      h('pre.code.example', null, `ossduck --oss-endpoint ${ossUrl} -f job.sql`),
    );
    const list = h('div.list', null, h('div.scroll', null, table, this.#empty));
    replace(this.#root, toolbar, h('div.split', null, list, this.#detail.element));
    this.#tbody.addEventListener('click', (event) => {
      const row = event.target.closest('tr[data-seq]');
      if (row) this.#select(Number(row.dataset.seq));
    });
    this.#tbody.addEventListener('keydown', (event) => {
      const row = event.target.closest('tr[data-seq]');
      if (!row) return;
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        this.#select(Number(row.dataset.seq));
      } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const next = event.key === 'ArrowDown' ? row.nextElementSibling : row.previousElementSibling;
        if (next) {
          next.focus();
          this.#select(Number(next.dataset.seq));
        }
      }
    });
    this.#render();
  }

  /** Opens the event stream; the server replays the kept requests first, then each new one. */
  connect() {
    this.#source = new EventSource(eventsUrl());
    this.#source.addEventListener('open', () => this.#onLive('live'));
    this.#source.addEventListener('error', () => this.#onLive(this.#source.readyState === EventSource.CLOSED ? 'offline' : 'connecting'));
    this.#source.addEventListener('hello', (event) => {
      const { instance } = JSON.parse(event.data);
      // Another run of the server: its requests are new ones with numbers from 1 again.
      if (this.#instance !== undefined && instance !== this.#instance) this.#clear();
      this.#instance = instance;
    });
    this.#source.addEventListener('request', (event) => this.#receive(JSON.parse(event.data)));
  }

  #receive(record) {
    this.#pending.push(record);
    if (this.#paused) {
      this.#updateStats();
      return;
    }
    if (!this.#flushScheduled) {
      this.#flushScheduled = true;
      requestAnimationFrame(() => this.#flush());
    }
  }

  /** Adds what arrived since the last frame: one DOM update per frame however fast requests come. */
  #flush() {
    this.#flushScheduled = false;
    if (this.#paused || this.#pending.length === 0) return;
    const fresh = this.#pending.filter((r) => !this.#records.length || r.seq > this.#records[0].seq);
    this.#pending = [];
    fresh.sort((a, b) => a.seq - b.seq);
    for (const r of fresh) this.#records.unshift(r);
    const dropped = this.#records.length > this.#capacity ? this.#records.splice(this.#capacity) : [];
    const rows = fresh.filter((r) => this.#matches(r)).reverse().map((r) => this.#row(r));
    this.#tbody.prepend(...rows);
    for (const r of dropped) this.#tbody.querySelector(`tr[data-seq="${r.seq}"]`)?.remove();
    this.#updateStats();
  }

  #matches(r) {
    const f = this.#filter;
    if (!statusMatches(f.status, r)) return false;
    if (f.bucket && !(r.bucket ?? '').toLowerCase().includes(f.bucket.toLowerCase())) return false;
    if (f.key && !(r.key ?? '').toLowerCase().includes(f.key.toLowerCase())) return false;
    return true;
  }

  #row(r) {
    const bytes = r.bytesIn > 0 ? `↑ ${formatBytes(r.bytesIn)}` : formatBytes(r.bytesOut);
    return h(
      'tr',
      {
        tabIndex: 0,
        dataset: { seq: String(r.seq), requestId: r.requestId, status: String(r.status), verdict: r.verdict },
        class: [r.verdict === 'refused' ? 'refused' : '', r.seq === this.#selected ? 'selected' : ''].filter(Boolean).join(' '),
      },
      h('td.c-time', { title: r.time }, formatClock(r.time)),
      h('td.c-method', null, h(`span.method.m-${r.method.toLowerCase()}`, null, r.method)),
      h(
        'td.c-status',
        null,
        h(`span.badge.s-${statusClass(r.status)}`, null, String(r.status)),
        r.code ? h('span.err-code', { title: r.code }, r.code) : null,
      ),
      h('td.c-bucket', { title: r.bucket ?? '' }, r.service === 'sts' ? h('span.muted', null, 'STS') : visible(r.bucket ?? '')),
      h('td.c-key', { title: visible(r.key ?? '') }, r.service === 'sts' ? h('span.muted', null, 'AssumeRole') : r.key === null ? h('span.muted', null, r.bucket === null ? '(service)' : '(bucket)') : visible(r.key)),
      h('td.c-auth', { title: r.accessKeyId ? `AccessKeyId ${r.accessKeyId}` : '' }, h(`span.auth.a-${r.auth}`, null, authLabel(r))),
      h('td.c-num', null, formatLatency(r.latencyMs)),
      h('td.c-num', { title: `${r.bytesIn} bytes in, ${r.bytesOut} bytes out` }, bytes),
    );
  }

  #render() {
    const rows = this.#records.filter((r) => this.#matches(r)).map((r) => this.#row(r));
    replace(this.#tbody, rows);
    this.#updateStats();
  }

  #updateStats() {
    const shown = this.#tbody.childElementCount;
    const refused = this.#records.filter((r) => r.verdict === 'refused').length;
    const total = this.#records.length;
    replace(
      this.#stats,
      shown === total ? `${total} request${total === 1 ? '' : 's'}` : `${shown} of ${total}`,
      refused > 0 ? h('span.stat-refused', null, ` · ${refused} refused`) : null,
      this.#paused && this.#pending.length > 0 ? h('span.stat-pending', null, ` · ${this.#pending.length} new`) : null,
    );
    this.#empty.hidden = total > 0;
    this.#onCount(total);
  }

  #setFilter(change) {
    Object.assign(this.#filter, change);
    for (const button of this.#root.querySelectorAll('.segmented button')) button.classList.toggle('active', button.dataset.status === this.#filter.status);
    this.#render();
  }

  #togglePause() {
    this.#paused = !this.#paused;
    this.#pauseButton.textContent = this.#paused ? 'Resume' : 'Pause';
    this.#pauseButton.classList.toggle('active', this.#paused);
    if (!this.#paused) this.#flush();
    this.#updateStats();
  }

  #clear() {
    this.#records = [];
    this.#pending = [];
    this.#select(null);
    this.#render();
  }

  #select(seq) {
    this.#selected = seq;
    for (const row of this.#tbody.querySelectorAll('tr.selected')) row.classList.remove('selected');
    if (seq === null) {
      this.#detail.close();
      return;
    }
    this.#tbody.querySelector(`tr[data-seq="${seq}"]`)?.classList.add('selected');
    const record = this.#records.find((r) => r.seq === seq);
    this.#detail.show(seq, record);
  }
}
