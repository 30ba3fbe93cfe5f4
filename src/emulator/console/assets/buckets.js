// Buckets and objects: the buckets on the left, a folder's objects in the
// middle (folders first, paged), an object's metadata and versions on the
// right; downloads go through a presigned URL the server mints for a minute.
import { getJson, postJson } from './api.js';
import { h, replace } from './dom.js';
import { formatBytes, formatDateTime, visible } from './format.js';

/** `#/buckets/<bucket>/<prefix>`, each part URI-encoded. */
export function bucketsHash(bucket, prefix = '') {
  return `#/buckets/${encodeURIComponent(bucket)}${prefix ? `/${encodeURIComponent(prefix)}` : ''}`;
}

function shortVersion(id) {
  return id === null ? '—' : id.length > 14 ? `${id.slice(0, 12)}…` : id;
}

export class BucketsView {
  #root;
  #toast;
  #sidebar;
  #crumbs;
  #tbody;
  #table;
  #head;
  #more;
  #detail;
  #status;
  #bucket = null;
  #prefix = '';
  #next = null;
  #versioning = null;
  #selectedKey = null;

  constructor(root, { toast }) {
    this.#root = root;
    this.#toast = toast;
    this.#sidebar = h('nav.buckets', { 'aria-label': 'Buckets' });
    this.#crumbs = h('div.crumbs');
    this.#status = h('span.stats');
    this.#tbody = h('tbody');
    this.#more = h('button.button.more', { type: 'button', hidden: true, onclick: () => this.#load(true) }, 'Load more');
    this.#detail = h('aside.detail.narrow', { hidden: true, 'aria-label': 'Object detail', id: 'object-detail' });
    const refresh = h('button.button', { type: 'button', onclick: () => this.open(this.#bucket, this.#prefix, true) }, 'Refresh');
    const table = (this.#table = h(
      'table.grid.objects',
      null,
      h(
        'thead',
        null,
        (this.#head = h('tr')),
      ),
      this.#tbody,
    ));
    const main = h('div.list', null, h('div.toolbar', null, this.#crumbs, h('span.spacer'), this.#status, refresh), h('div.scroll', null, table, this.#more));
    replace(this.#root, h('div.browser', null, this.#sidebar, h('div.split', null, main, this.#detail)));
    this.#tbody.addEventListener('click', (event) => {
      const row = event.target.closest('tr[data-key]');
      if (row && !event.target.closest('button')) this.#showObject(row.dataset.key);
    });
  }

  /** Shows `bucket` (the first one when null) at `prefix`. */
  async open(bucket, prefix = '', refresh = false) {
    let buckets;
    try {
      buckets = await getJson('buckets');
    } catch (error) {
      replace(this.#sidebar, h('p.error', null, error.message));
      return;
    }
    const chosen = bucket ?? buckets[0]?.name ?? null;
    replace(
      this.#sidebar,
      h('h2.side-title', null, 'Buckets'),
      buckets.length === 0 ? h('p.muted.side-empty', null, 'No buckets yet: create one with PutBucket, or make a folder in --root.') : null,
      h(
        'ul',
        null,
        buckets.map((b) =>
          h(
            'li',
            null,
            h(
              'a.bucket-link',
              { href: bucketsHash(b.name), class: b.name === chosen ? 'active' : '' },
              h('span.bucket-name', null, b.name),
              b.versioning ? h('span.pill', { title: `Versioning ${b.versioning}` }, b.versioning === 'Enabled' ? 'versioned' : 'suspended') : null,
            ),
          ),
        ),
      ),
    );
    if (chosen === null) {
      replace(this.#crumbs);
      replace(this.#tbody);
      return;
    }
    if (!refresh && chosen === this.#bucket && prefix === this.#prefix) return;
    this.#bucket = chosen;
    this.#prefix = prefix;
    this.#closeDetail();
    await this.#load(false);
  }

  async #load(more) {
    let page;
    try {
      page = await getJson('objects', { bucket: this.#bucket, prefix: this.#prefix, after: more ? this.#next : undefined });
    } catch (error) {
      replace(this.#tbody, h('tr', null, h('td.error', { colSpan: 6 }, error.message)));
      return;
    }
    this.#versioning = page.versioning;
    replace(
      this.#head,
      h('th.c-name', null, 'Name'),
      h('th.c-num', null, 'Size'),
      h('th.c-date', null, 'Last modified'),
      h('th.c-etag', null, 'ETag'),
      page.versioning ? h('th.c-version', null, 'Version') : null,
      h('th.c-act', null, ''),
    );
    this.#next = page.next;
    this.#more.hidden = page.next === null;
    this.#renderCrumbs();
    const rows = [
      ...page.folders.map((folder) => this.#folderRow(folder)),
      ...page.objects.filter((o) => o.key !== this.#prefix).map((o) => this.#objectRow(o)),
    ];
    if (more) this.#tbody.append(...rows);
    else replace(this.#tbody, rows.length > 0 ? rows : h('tr.empty-row', null, h('td', { colSpan: 6 }, 'This folder is empty.')));
    const count = this.#tbody.querySelectorAll('tr[data-key], tr.folder').length;
    replace(this.#status, `${count}${page.next === null ? '' : '+'} item${count === 1 ? '' : 's'}`);
  }

  #renderCrumbs() {
    const parts = this.#prefix.split('/').filter((p, i, all) => p !== '' || i < all.length - 1);
    const crumbs = [h('a.crumb', { href: bucketsHash(this.#bucket) }, this.#bucket)];
    let path = '';
    for (const part of parts) {
      path += `${part}/`;
      crumbs.push(h('span.sep', null, '/'), h('a.crumb', { href: bucketsHash(this.#bucket, path) }, visible(part) || '(empty)'));
    }
    replace(this.#crumbs, crumbs);
  }

  #folderRow(folder) {
    const name = folder.slice(this.#prefix.length);
    return h(
      'tr.folder',
      null,
      h('td.c-name', null, h('a.folder-link', { href: bucketsHash(this.#bucket, folder) }, h('span.icon-folder', { 'aria-hidden': 'true' }), visible(name))),
      h('td.c-num.muted', null, '—'),
      h('td.c-date'),
      h('td.c-etag'),
      this.#versioning ? h('td.c-version') : null,
      h('td.c-act'),
    );
  }

  #objectRow(o) {
    const name = o.key.slice(this.#prefix.length);
    return h(
      'tr',
      { dataset: { key: o.key }, tabIndex: 0, class: o.key === this.#selectedKey ? 'selected' : '' },
      h('td.c-name', { title: visible(o.key) }, h('span.icon-file', { 'aria-hidden': 'true' }), h('span.object-name', null, visible(name))),
      h('td.c-num', { title: `${o.size} bytes` }, formatBytes(o.size)),
      h('td.c-date', { title: o.lastModified }, formatDateTime(o.lastModified)),
      h('td.c-etag.mono', { title: o.etag }, o.etag.slice(0, 12).toLowerCase()),
      this.#versioning ? h('td.c-version.mono', { title: o.versionId ?? '' }, shortVersion(o.versionId)) : null,
      h('td.c-act', null, h('button.icon-button.download', { type: 'button', title: 'Download (through a presigned URL valid 60 s)', 'aria-label': `Download ${name}`, onclick: () => this.#download(o.key) }, '↓')),
    );
  }

  async #download(key, versionId) {
    try {
      const { url } = await postJson('presign', { bucket: this.#bucket, key, versionId });
      location.assign(url);
    } catch (error) {
      this.#toast(`Download failed: ${error.message}`);
    }
  }

  async #copyUrl(key, versionId) {
    try {
      const { url, expiresAt } = await postJson('presign', { bucket: this.#bucket, key, versionId });
      await navigator.clipboard.writeText(url);
      this.#toast(`Presigned URL copied; valid until ${formatDateTime(expiresAt)}`);
    } catch (error) {
      this.#toast(`Could not copy a URL: ${error.message}`);
    }
  }

  #closeDetail() {
    this.#selectedKey = null;
    this.#detail.hidden = true;
    for (const row of this.#tbody.querySelectorAll('tr.selected')) row.classList.remove('selected');
  }

  async #showObject(key) {
    this.#selectedKey = key;
    for (const row of this.#tbody.querySelectorAll('tr[data-key]')) row.classList.toggle('selected', row.dataset.key === key);
    this.#detail.hidden = false;
    replace(this.#detail, h('p.loading', null, 'Loading…'));
    let o;
    try {
      o = await getJson('object', { bucket: this.#bucket, key });
    } catch (error) {
      replace(this.#detail, h('p.error', null, error.message));
      return;
    }
    if (this.#selectedKey !== key) return;
    const c = o.current;
    const close = h('button.icon-button.close', { type: 'button', title: 'Close', 'aria-label': 'Close', onclick: () => this.#closeDetail() }, '✕');
    const rows = c
      ? [
          ['Size', `${formatBytes(c.size)} (${c.size.toLocaleString('en')} bytes)`],
          ['Type', c.contentType],
          ['Last modified', formatDateTime(c.lastModified)],
          ['ETag', h('span.mono', null, c.etag)],
          ['CRC-64', h('span.mono', null, c.crc64)],
          ['Storage class', c.storageClass],
          o.versioning ? ['Version', h('span.mono', null, c.versionId ?? 'null')] : null,
          ...c.headers.map(([n, v]) => [n, v]),
          ...c.userMeta.map(([n, v]) => [n, h('span.mono', null, v)]),
        ]
      : [['Current', 'deleted: only earlier versions are kept']];
    replace(
      this.#detail,
      close,
      h('div.detail-body', null,
        h('header.detail-head', null, h('div.detail-title', null, h('span.detail-code.mono', null, visible(key.slice(key.lastIndexOf('/') + 1) || key))), h('div.detail-target.mono.muted', null, `${this.#bucket}/${visible(key)}`)),
        c ? h('div.actions', null,
          h('button.button.primary', { type: 'button', onclick: () => this.#download(key) }, 'Download'),
          h('button.button', { type: 'button', onclick: () => this.#copyUrl(key) }, 'Copy presigned URL'),
          h('span.muted.small', null, 'URLs are signed for 60 s')) : null,
        h('dl.facts', null, rows.filter(Boolean).map(([label, value]) => [h('dt', null, label), h('dd', null, value)])),
        o.versioning ? this.#versions(key, o.versions) : null,
      ),
    );
  }

  #versions(key, versions) {
    return h(
      'section.block',
      null,
      h('h3', null, `Versions (${versions.length})`),
      h(
        'table.grid.versions',
        null,
        h('thead', null, h('tr', null, h('th', null, 'Version'), h('th.c-date', null, 'Last modified'), h('th.c-num', null, 'Size'), h('th.c-act', null, ''))),
        h(
          'tbody',
          null,
          versions.map((v) =>
            h(
              'tr',
              null,
              h('td.mono', { title: v.versionId ?? 'null' }, v.current ? h('span.pill', null, 'current') : null, v.versionId ?? 'null'),
              h('td.c-date', null, formatDateTime(v.lastModified)),
              h('td.c-num', null, formatBytes(v.size)),
              h('td.c-act', null, h('button.icon-button.download', { type: 'button', title: 'Download this version', onclick: () => this.#download(key, v.versionId ?? 'null') }, '↓')),
            ),
          ),
        ),
      ),
    );
  }
}
