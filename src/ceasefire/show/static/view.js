// A view's life: loading, ready or failed (kept in data-state for styling and tests), and only
// the newest load may draw, so a slow answer to an old filter never overwrites a newer one.

import { apiUrl } from "./api.js";

/** A loader for a view's section: `fetchData(request)` gets the JSON for a request (the
 * filters, or what the view asks for), `render(data, request)` draws it; an error is shown in
 * the section's status line. */
export function viewLoader(section, fetchData, render) {
  const status = section.querySelector(".status");
  let newest = 0;
  return async (request) => {
    const ticket = ++newest;
    section.dataset.state = "loading";
    status.textContent = "Loading…";
    try {
      const data = await fetchData(request);
      if (ticket !== newest) return;
      status.textContent = "";
      render(data, request);
      section.dataset.state = "ready";
    } catch (error) {
      if (ticket !== newest) return;
      status.textContent = `Could not load: ${error.message}`;
      section.dataset.state = "failed";
    }
  };
}

/** Point the section's "as JSON" link at the endpoint and parameters it draws. */
export function linkJson(section, path, parameters) {
  section.querySelector("a.json").href = apiUrl(path, parameters);
}
