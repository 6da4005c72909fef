// The agreement check: a chooser over /api/agreements and the term-by-day matrix of
// /api/agreements/{id}/check. A cell shows alleged violations per accused party, compliance or
// no data; claimed totals of violations are listed under the grid with their accuser, and the
// findings (each opening its source) below, narrowed to a cell when one is clicked.

import { getJson } from "./api.js";
import { colourFor, element, makeActivatable, option, PALETTE } from "./elements.js";
import { linkJson, viewLoader } from "./view.js";
import { spoken } from "./vocabulary.js";

/** The agreement view in `section`; `showEvidence(record)` opens a finding's document. */
export function createAgreementMatrix(section, showEvidence) {
  const chooser = section.querySelector("select[name=agreement]");
  const findingList = section.querySelector(".findings");
  const showAll = section.querySelector("button.show-all");
  const partyColour = colourFor(PALETTE);
  let agreementsListed = null;
  let shownFilters = {};
  let findings = [];

  const listFindings = (cell) => {
    const chosen = cell ? findings.filter((f) => f.term === cell.term && f.day === cell.day) : findings;
    const items = chosen.map((finding) => findingItem(finding, showEvidence));
    if (!items.length) items.push(element("li", { className: "empty", text: "No findings." }));
    findingList.replaceChildren(...items);
    showAll.hidden = !cell;
  };
  const fetchData = async (filters) => {
    agreementsListed ??= listAgreements(chooser).catch((error) => {
      agreementsListed = null; // try again on the next load
      throw error;
    });
    await agreementsListed;
    const path = `/api/agreements/${encodeURIComponent(chooser.value)}/check`;
    // The check takes a date window only; the other filters do not narrow it.
    const parameters = { since: filters.since, until: filters.until };
    linkJson(section, path, parameters);
    return getJson(path, parameters);
  };
  const render = (check) => {
    const { matrix } = check;
    findings = check.findings
      .filter((finding) => finding.kind !== "claimed_aggregate")
      .sort((a, b) => (a.day || "").localeCompare(b.day || ""));
    drawGrid(section.querySelector("table.matrix"), matrix, partyColour, listFindings);
    section.querySelector(".legend").replaceChildren(...legendItems(matrix, partyColour));
    section.querySelector(".aggregates").replaceChildren(...aggregateItems(matrix, showEvidence));
    listFindings(null);
  };
  const load = viewLoader(section, fetchData, render);
  chooser.addEventListener("change", () => load(shownFilters));
  showAll.addEventListener("click", () => listFindings(null));
  return {
    load: (filters) => {
      shownFilters = filters;
      return load(filters);
    },
  };
}

async function listAgreements(chooser) {
  const { items } = await getJson("/api/agreements");
  if (!items.length) throw new Error("no agreements are installed");
  chooser.replaceChildren(...items.map((agreement) => option(agreement.id, agreement.name)));
}

function drawGrid(table, matrix, partyColour, onCell) {
  const months = [...Map.groupBy(matrix.days, (day) => day.slice(0, 7))];
  const monthRow = element(
    "tr",
    { className: "months" },
    element("th"),
    ...months.map(([month, days]) => {
      const cell = element("th", { text: month });
      cell.colSpan = days.length;
      return cell;
    }),
  );
  const dayRow = element(
    "tr",
    {},
    element("th", { text: "Term" }),
    ...matrix.days.map((day) => element("th", { className: "day", text: day.slice(8), title: day })),
  );
  const termRows = matrix.terms.map((term) =>
    element(
      "tr",
      { className: "term" },
      element("th", { className: "term-name", text: term.name, title: spoken(term.kind) }),
      ...matrix.days.map((day) =>
        matrixCell(term, day, matrix.cells[term.id][day], partyColour, onCell),
      ),
    ),
  );
  table.replaceChildren(element("thead", {}, monthRow, dayRow), element("tbody", {}, ...termRows));
}

function matrixCell(term, day, cell, partyColour, onCell) {
  const parties = Object.entries(cell.violations);
  const state = parties.length ? "violation" : cell.compliance ? "compliance" : "no-data";
  let about = "no data";
  if (parties.length) {
    const counts = parties.map(([party, count]) => `${party} ${count}`).join(", ");
    about = `alleged violations: ${counts}; accused by ${cell.accusers.join(", ")}`;
  } else if (cell.compliance) {
    about = `compliance reported ${cell.compliance} time(s)`;
  }
  const td = element("td", { className: `cell ${state}`, title: `${day}, ${term.name}: ${about}` });
  for (const [party, count] of parties) {
    const mark = element("span", { className: "party", text: count });
    mark.style.background = partyColour(party);
    td.append(mark);
  }
  if (state !== "no-data") makeActivatable(td, () => onCell({ term: term.id, day }));
  return td;
}

function legendItems(matrix, partyColour) {
  const parties = matrix.parties.map((party) => {
    const swatch = element("span", { className: "swatch" });
    swatch.style.background = partyColour(party);
    return element("li", {}, swatch, `alleged violation by ${party}`);
  });
  return [
    ...parties,
    element("li", {}, element("span", { className: "swatch compliance" }), "compliance"),
    element("li", {}, element("span", { className: "swatch no-data" }), "no data"),
  ];
}

function aggregateItems(matrix, showEvidence) {
  const items = [];
  for (const term of matrix.terms) {
    for (const aggregate of matrix.aggregates[term.id] || []) {
      const about = `${aggregate.accuser}: ${aggregate.party} violated "${term.name}" (${spoken(aggregate.detail)}), counted from ${aggregate.from} to ${aggregate.to}`;
      const item = element("li", { className: "aggregate" }, about, " ", element("q", { text: aggregate.text }));
      makeActivatable(item, () => showEvidence({ doc: aggregate.doc, text: aggregate.text, about }));
      items.push(item);
    }
  }
  if (!items.length) items.push(element("li", { className: "empty", text: "None claimed." }));
  return items;
}

function findingItem(finding, showEvidence) {
  const about = `${finding.day || "no day"}, ${finding.term_name}: ${spoken(finding.kind)} by ${finding.party}, according to ${finding.accuser} (${finding.outlet || finding.doc})`;
  const item = element("li", { className: `finding ${finding.kind}` }, about, " ", element("q", { text: finding.text }));
  makeActivatable(item, () => showEvidence({ ...finding, about }));
  return item;
}
