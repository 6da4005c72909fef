// The figures table (/api/figures): each number as the document wrote it, whose claim it is,
// and a row that opens its source. Pages of PAGE_SIZE, "Show more" fetches the next.

import { getJson } from "./api.js";
import { element, makeActivatable } from "./elements.js";
import { linkJson, viewLoader } from "./view.js";
import { spoken } from "./vocabulary.js";

const PAGE_SIZE = 50;

/** The figures view in `section`; `showEvidence(record)` opens a figure's document. */
export function createFigureTable(section, showEvidence) {
  const rows = section.querySelector("tbody");
  const more = section.querySelector("button.more");
  let shownFilters = {};
  let nextOffset = null;

  const fetchPage = ({ filters, offset }) => {
    const parameters = { ...filters, limit: PAGE_SIZE, offset };
    if (offset === 0) linkJson(section, "/api/figures", parameters);
    return getJson("/api/figures", parameters);
  };
  const showPage = (page, { offset }) => {
    const drawn = page.items.map((figure) => figureRow(figure, showEvidence));
    if (offset === 0) rows.replaceChildren(...drawn);
    else rows.append(...drawn);
    if (offset === 0 && !page.items.length) {
      section.querySelector(".status").textContent = "No figures match.";
    }
    nextOffset = page.next;
    more.hidden = nextOffset === null;
  };
  // One loader for first pages and further ones: new filters outrun a pending "Show more".
  const load = viewLoader(section, fetchPage, showPage);
  more.addEventListener("click", () => load({ filters: shownFilters, offset: nextOffset }));
  return {
    load: (filters) => {
      shownFilters = filters;
      return load({ filters, offset: 0 });
    },
  };
}

function figureRow(figure, showEvidence) {
  const day = figure.period ? figure.period.start : null;
  const claimant = figure.claimant ? figure.claimant.name : "(the outlet)";
  const cells = [
    day || "—",
    spoken(figure.metric),
    figure.text,
    figure.subject || "",
    claimant,
    figure.actor ? figure.actor.name : "",
    figure.place ? figure.place.name : "",
  ];
  const row = element("tr", { className: "figure-row" }, ...cells.map((text) => element("td", { text })));
  const about = `${claimant}: ${figure.text} ${spoken(figure.metric)}${figure.subject ? ` (${figure.subject})` : ""}`;
  makeActivatable(row, () => showEvidence({ ...figure, about }));
  return row;
}
