// The filter bar: date window, place, actor, claimant and type, the list endpoints' own query
// parameters. They live in the page's address, so a filtered dashboard can be linked to.

const FILTER_NAMES = ["since", "until", "place", "actor", "claimant", "type"];

/** The filters in the page's address, e.g. {since: "2025-10-10", place: "Gaza"}. */
export function currentFilters() {
  const query = new URLSearchParams(window.location.search);
  const filters = {};
  for (const name of FILTER_NAMES) {
    const value = (query.get(name) || "").trim();
    if (value) filters[name] = value;
  }
  return filters;
}

/** Fill the form from the address, and on Apply or Clear put the form's filters in the
 * address and hand them to `onChange`. */
export function bindFilters(form, onChange) {
  for (const [name, value] of Object.entries(currentFilters())) form.elements[name].value = value;
  const apply = () => {
    const query = new URLSearchParams();
    for (const name of FILTER_NAMES) {
      const value = form.elements[name].value.trim();
      if (value) query.set(name, value);
    }
    const search = query.toString();
    window.history.replaceState(null, "", search ? `?${search}` : window.location.pathname);
    onChange(currentFilters());
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    apply();
  });
  // "reset" fires before the inputs are cleared: read them once they are.
  form.addEventListener("reset", () => setTimeout(apply));
}

/** Offer the known event types and figure metrics in the Type box. */
export function offerTypes(datalist, types) {
  datalist.replaceChildren(
    ...types.map((type) => {
      const option = document.createElement("option");
      option.value = type;
      return option;
    }),
  );
}
