// The console's JSON API (same origin, under /-/console/api/).

const BASE = new URL('api/', new URL('./', location.href.replace(/[#?].*$/, ''))).href;

async function answer(response) {
  let body;
  try {
    body = await response.json();
  } catch {
    body = { error: `${response.status} ${response.statusText}` };
  }
  if (!response.ok) throw new Error(body.error ?? `${response.status} ${response.statusText}`);
  return body;
}

/** GET api/<path> with query parameters; throws an Error with the server's message. */
export async function getJson(path, params = {}) {
  const url = new URL(path, BASE);
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== null) url.searchParams.set(name, value);
  return answer(await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' }));
}

/** POST a JSON body to api/<path>. */
export async function postJson(path, value) {
  return answer(await fetch(new URL(path, BASE), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(value) }));
}

/** The live request stream. */
export function eventsUrl() {
  return new URL('events', BASE).href;
}
