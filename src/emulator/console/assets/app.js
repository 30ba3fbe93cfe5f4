// The ossduck console: reads the server's info, opens the live request
// stream, and switches between the Requests and Buckets views by the URL's
// hash (#/requests, #/buckets/<bucket>/<prefix>).
import { getJson } from './api.js';
import { BucketsView } from './buckets.js';
import { h } from './dom.js';
import { RequestsView } from './requests.js';

const THEME_KEY = 'ossduck-console-theme';

function applyTheme(theme) {
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
  else delete document.documentElement.dataset.theme;
}

function currentTheme() {
  return document.documentElement.dataset.theme ?? (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
}

let toastTimer;
function toast(message) {
  let el = document.getElementById('toast');
  if (!el) {
    el = h('div.toast', { id: 'toast', role: 'status' });
    document.body.append(el);
  }
  el.textContent = message;
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (el.hidden = true), 4000);
}

async function main() {
  applyTheme(localStorage.getItem(THEME_KEY));
  document.getElementById('theme').addEventListener('click', () => {
    const next = currentTheme() === 'dark' ? 'light' : 'dark';
    localStorage.setItem(THEME_KEY, next);
    applyTheme(next);
  });
  const info = await getJson('info');
  document.getElementById('endpoint').textContent = info.ossUrl;
  document.getElementById('account').textContent = info.accessKeyId;
  if (info.version) document.querySelector('.brand').title = `ossduck ${info.version} console`;
  const live = document.getElementById('live');
  const count = document.getElementById('request-count');
  const requests = new RequestsView(document.getElementById('view-requests'), {
    capacity: info.history,
    ossUrl: info.ossUrl,
    onCount: (n) => (count.textContent = String(n)),
    onLive: (state) => {
      live.dataset.state = state;
      live.querySelector('.live-text').textContent = state;
    },
  });
  const buckets = new BucketsView(document.getElementById('view-buckets'), { toast });
  const route = () => {
    const [, view = 'requests', bucket, prefix] = location.hash.split('/');
    const name = view === 'buckets' ? 'buckets' : 'requests';
    for (const section of document.querySelectorAll('.view')) section.hidden = section.id !== `view-${name}`;
    for (const tab of document.querySelectorAll('.tab')) tab.classList.toggle('active', tab.dataset.view === name);
    if (name === 'buckets') void buckets.open(bucket ? decodeURIComponent(bucket) : null, prefix ? decodeURIComponent(prefix) : '');
  };
  addEventListener('hashchange', route);
  route();
  requests.connect();
  document.body.dataset.ready = 'true';
}

main().catch((error) => {
  document.getElementById('main').replaceChildren(h('p.error.fatal', null, `The console could not start: ${error.message}`));
});
