// The timeline: each claimant's values of one metric over time (/api/series) as inline SVG,
// with an official series (/api/official) overlaid as a dashed line. A point opens its source.

import { getAllItems, getJson } from "./api.js";
import { colourFor, element, makeActivatable, option, PALETTE } from "./elements.js";
import { linkJson, viewLoader } from "./view.js";
import { METRICS, spoken } from "./vocabulary.js";

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 800;
const HEIGHT = 320;
const MARGIN = { top: 16, right: 24, bottom: 32, left: 72 };
const DAY = 86_400_000;
const TICKS = 5;

/** The timeline view in `section`; `showEvidence(record)` opens a point's document. */
export function createTimeline(section, showEvidence) {
  const metric = section.querySelector("select[name=metric]");
  const kind = section.querySelector("select[name=kind]");
  const official = section.querySelector("select[name=official]");
  metric.replaceChildren(...METRICS.map((name) => option(name, spoken(name))));
  metric.value = "killed";
  const colour = colourFor(PALETTE);
  let catalogue = null; // official series name -> its metric and whether it is a running total
  let officialChosen = false; // the reader picked an official series (or none) themselves
  let shownFilters = {};

  const fetchData = async (filters) => {
    // A metric typed in the filter bar is the chart's metric too.
    if (METRICS.includes(filters.type)) metric.value = filters.type;
    const parameters = { ...filters, type: metric.value };
    linkJson(section, "/api/series", parameters);
    catalogue ??= await officialCatalogue();
    offerOfficialSeries(official, catalogue, metric.value, kind.value, officialChosen);
    const [rows, points] = await Promise.all([
      getAllItems("/api/series", parameters),
      official.value
        ? getJson("/api/official", { series: official.value, since: filters.since })
        : { items: [] },
    ]);
    return { rows: rows.filter((row) => row.kind === kind.value), official: points.items };
  };
  const render = (data, filters) => {
    const chart = section.querySelector(".chart");
    const legend = section.querySelector(".legend");
    const lines = claimedLines(data.rows, colour);
    if (!lines.length && !data.official.length) {
      chart.replaceChildren(element("p", { className: "empty", text: "No figures match." }));
      legend.replaceChildren();
      return;
    }
    chart.replaceChildren(drawChart(lines, data.official, filters, showEvidence));
    legend.replaceChildren(...legendItems(lines, official.value, data.official.length));
  };
  const load = viewLoader(section, fetchData, render);
  const reload = () => load(shownFilters);
  metric.addEventListener("change", () => {
    officialChosen = false;
    reload();
  });
  kind.addEventListener("change", () => {
    officialChosen = false;
    reload();
  });
  official.addEventListener("change", () => {
    officialChosen = true;
    reload();
  });
  return {
    load: (filters) => {
      shownFilters = filters;
      return load(filters);
    },
  };
}

/** Which official series the archive holds, learnt once from their points. */
async function officialCatalogue() {
  const { items } = await getJson("/api/official");
  const catalogue = new Map();
  for (const point of items) {
    if (!catalogue.has(point.series)) {
      catalogue.set(point.series, { metric: point.metric, cumulative: point.cumulative });
    }
  }
  return catalogue;
}

/** Offer the official series of this metric and kind; the first is drawn unless the reader
 * chose one (or none) and it is still on offer. */
function offerOfficialSeries(select, catalogue, metric, kind, chosen) {
  const previous = select.value;
  const matching = [...catalogue]
    .filter(([, about]) => about.metric === metric && about.cumulative === (kind === "total"))
    .map(([series]) => series);
  select.replaceChildren(option("", "none"), ...matching.map((series) => option(series, series)));
  const keep = chosen && (previous === "" || matching.includes(previous));
  select.value = keep ? previous : matching[0] || "";
}

/** One line per claimant, what it counts and the day a total counts from, its points in date
 * order. */
function claimedLines(rows, colour) {
  const lines = new Map();
  for (const row of rows) {
    const key = `${row.claimant_key}\u0000${row.counts}\u0000${row.since || ""}`;
    if (!lines.has(key)) {
      const counted = row.counts ? `${row.claimant} (${row.counts})` : row.claimant;
      const label = row.since ? `${counted} since ${row.since}` : counted;
      lines.set(key, { label, colour: colour(key), points: [] });
    }
    lines.get(key).points.push(row);
  }
  for (const line of lines.values()) line.points.sort((a, b) => a.day.localeCompare(b.day));
  return [...lines.values()];
}

function drawChart(lines, officialPoints, filters, showEvidence) {
  const claimedDays = lines.flatMap((line) => line.points.map((point) => Date.parse(point.day)));
  const days = claimedDays.length ? claimedDays : officialPoints.map((p) => Date.parse(p.day));
  let start = filters.since ? Date.parse(filters.since) : Math.min(...days);
  let end = filters.until ? Date.parse(filters.until) : Math.max(...days);
  if (end - start < DAY) [start, end] = [start - DAY, end + DAY]; // one day still needs a width
  const inWindow = (point) => Date.parse(point.day) >= start && Date.parse(point.day) <= end;
  const official = officialPoints.filter(inWindow);
  const values = [
    ...lines.flatMap((line) => line.points.map((point) => point.n)),
    ...official.map((point) => point.value),
  ];
  const top = niceCeiling(Math.max(1, ...values));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (day) => MARGIN.left + ((Date.parse(day) - start) / (end - start)) * plotWidth;
  const y = (n) => MARGIN.top + plotHeight - (n / top) * plotHeight;

  const svg = svgElement("svg", {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    role: "img",
    "aria-label": "Claimed figures over time",
  });
  svg.append(...axes(start, end, top, x, y));
  if (official.length) {
    svg.append(
      svgElement("path", {
        class: "official-line",
        d: pathThrough(official.map((point) => [x(point.day), y(point.value)])),
      }),
    );
  }
  for (const line of lines) {
    svg.append(
      svgElement("path", {
        class: "claimed-line",
        stroke: line.colour,
        d: pathThrough(line.points.map((point) => [x(point.day), y(point.n)])),
      }),
    );
    for (const point of line.points) {
      svg.append(pointMark(point, line, x(point.day), y(point.n), showEvidence));
    }
  }
  return svg;
}

function pointMark(point, line, cx, cy, showEvidence) {
  const about = `${point.claimant}: ${point.value} ${spoken(point.metric)} (${point.subject}), ${point.day}`;
  const mark = svgElement("circle", { class: "series-point", cx, cy, r: 5, fill: line.colour });
  const title = svgElement("title", {});
  title.textContent = about;
  mark.append(title);
  makeActivatable(mark, () => showEvidence({ ...point, about }));
  return mark;
}

function axes(start, end, top, x, y) {
  const nodes = [];
  for (let i = 0; i <= TICKS; i += 1) {
    const n = (top / TICKS) * i;
    nodes.push(
      svgElement("line", { class: "grid", x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(n), y2: y(n) }),
      svgText(n.toLocaleString("en"), { x: MARGIN.left - 6, y: y(n) + 4, "text-anchor": "end" }),
    );
    const day = new Date(start + ((end - start) / TICKS) * i).toISOString().slice(0, 10);
    // The end labels align inwards so that neither runs off the chart.
    const anchor = i === 0 ? "start" : i === TICKS ? "end" : "middle";
    nodes.push(svgText(day, { x: x(day), y: HEIGHT - 10, "text-anchor": anchor }));
  }
  return nodes;
}

function legendItems(lines, officialSeries, officialCount) {
  const items = lines.map((line) => {
    const swatch = element("span", { className: "swatch" });
    swatch.style.background = line.colour;
    return element("li", {}, swatch, line.label);
  });
  if (officialSeries && officialCount) {
    items.push(
      element("li", {}, element("span", { className: "swatch dashed" }), `${officialSeries} (official)`),
    );
  }
  return items;
}

/** The smallest of 1, 2 or 5 times a power of ten at or above `value`: a round axis top. */
function niceCeiling(value) {
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((step) => step * power).find((candidate) => candidate >= value);
}

function pathThrough(points) {
  return points.map(([px, py], i) => `${i ? "L" : "M"}${px.toFixed(1)},${py.toFixed(1)}`).join("");
}

function svgElement(tag, attributes) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
}

function svgText(text, attributes) {
  const node = svgElement("text", { class: "tick", ...attributes });
  node.textContent = text;
  return node;
}
