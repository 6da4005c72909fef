// The dashboard's one door to the REST API: every view reads the same JSON a user can fetch.

const PAGE_SIZE = 1000; // the API's largest page
const MOST_ITEMS = 10000; // a view draws at most this many; an archive past it needs filters

/** The address of an endpoint with its query string; empty parameters are left out. */
export function apiUrl(path, parameters = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== undefined && value !== null && value !== "") query.set(name, value);
  }
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

/** The path of one archived document (ids are free text: always encoded). */
export function documentPath(doc) {
  return `/api/documents/${encodeURIComponent(doc)}`;
}

/** The JSON an endpoint answers; a failed request throws with the server's own explanation. */
export async function getJson(path, parameters = {}) {
  const url = apiUrl(path, parameters);
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) {
    const detail = await response.json().then(
      (body) => (typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail)),
      () => response.statusText,
    );
    throw new Error(`${url} answered ${response.status}: ${detail}`);
  }
  return response.json();
}

/** Every item of a paged list, following `next` until the last page (or MOST_ITEMS). */
export async function getAllItems(path, parameters = {}) {
  const items = [];
  let offset = 0;
  while (offset !== null && items.length < MOST_ITEMS) {
    const page = await getJson(path, { ...parameters, limit: PAGE_SIZE, offset });
    items.push(...page.items);
    offset = page.next;
  }
  return items;
}
