// The map: events (/api/events) as circle markers over country outlines shipped with the
// package (Natural Earth, no tile server), coloured by type. A marker's popup lists every event
// reported at that spot, each with a button that opens its source.

import { getAllItems, getJson } from "./api.js";
import { element } from "./elements.js";
import { linkJson, viewLoader } from "./view.js";
import { spoken } from "./vocabulary.js";

const OUTLINES = "/static/vendor/world-atlas/countries-110m.geojson";
const START = { center: [31.9, 35.0], zoom: 6 };
const TYPE_COLOURS = {
  airstrike: "#d62728", shelling: "#ff7f0e", shooting: "#e6550d", armed_clash: "#a50f15",
  raid: "#fd8d3c", demolition: "#8c564b", arrest: "#756bb1", rocket_fire: "#e377c2",
  killing: "#67000d", hostage_release: "#9e9ac8", prisoner_release: "#bcbddc",
  aid_delivery: "#2ca02c", ceasefire_start: "#1f77b4", ceasefire_end: "#08306b",
  ceasefire_violation: "#6baed6", arms_transfer: "#636363", troop_movement: "#969696",
  protest: "#17becf", negotiation: "#bcbd22",
};
// A vaguer place draws a bigger circle: an event placed on a region could be anywhere in it.
const RADIUS = { point: 6, city: 6, region: 9, country: 12 };

/** The map view in `section`; `showEvidence(record)` opens an event's document. */
export function createEventMap(section, showEvidence) {
  const L = window.L;
  const map = L.map(section.querySelector(".map"), { worldCopyJump: true });
  map.setView(START.center, START.zoom);
  map.attributionControl.addAttribution("Outlines: Natural Earth");
  // Outlines sit in their own pane under the markers, whichever arrives first.
  map.createPane("outlines").style.zIndex = 350;
  getJson(OUTLINES).then(
    (outlines) => {
      L.geoJSON(outlines, { pane: "outlines", interactive: false, className: "country-outline" })
        .addTo(map);
    },
    (error) => {
      section.querySelector(".status").textContent = `No country outlines: ${error.message}`;
    },
  );
  const markers = L.layerGroup().addTo(map);

  const fetchData = (filters) => {
    linkJson(section, "/api/events", filters);
    return getAllItems("/api/events", filters);
  };
  const render = (events) => {
    markers.clearLayers();
    const placed = events.filter((e) => e.place && e.place.lat != null && e.place.lon != null);
    const bySpot = Map.groupBy(placed, spotOf);
    // Vaguest first, so a town's marker lies on top of its region's and stays clickable.
    const drawOrder = [...placed].sort((a, b) => radiusOf(b) - radiusOf(a));
    for (const event of drawOrder) {
      const colour = TYPE_COLOURS[event.type] || "#333333";
      const marker = L.circleMarker([event.place.lat, event.place.lon], {
        className: "event-marker",
        radius: radiusOf(event),
        color: colour,
        weight: 1.5,
        fillColor: colour,
        // Only asserted events happened as claimed; threats and denials are drawn hollow.
        fillOpacity: event.modality === "asserted" ? 0.7 : 0.05,
      });
      marker.bindPopup(() => popupContent(bySpot.get(spotOf(event)), showEvidence));
      marker.addTo(markers);
      labelMarker(marker, `${spoken(event.type)} at ${event.place.name}`);
    }
    if (placed.length) {
      const corners = placed.map((e) => [e.place.lat, e.place.lon]);
      map.fitBounds(L.latLngBounds(corners), { maxZoom: 8, padding: [24, 24] });
    }
    section.querySelector(".legend").replaceChildren(...legendItems(placed));
    section.querySelector(".status").textContent =
      `${placed.length} of ${events.length} events have a place with coordinates.`;
  };
  return { load: viewLoader(section, fetchData, render) };
}

function radiusOf(event) {
  return RADIUS[event.place.precision] || RADIUS.point;
}

/** Name a marker for screen readers and let the keyboard reach it (Leaflet's circles are
 * mouse-only). */
function labelMarker(marker, label) {
  const path = marker.getElement();
  path.setAttribute("aria-label", label);
  path.setAttribute("role", "button");
  path.setAttribute("tabindex", "0");
  path.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      marker.openPopup();
    }
  });
}

function spotOf(event) {
  return `${event.place.lat},${event.place.lon}`;
}

function popupContent(events, showEvidence) {
  const count = events.length === 1 ? "1 event" : `${events.length} events`;
  const items = events.map((event) => {
    const button = element("button", { text: "Show source" });
    button.type = "button";
    button.addEventListener("click", () => showEvidence({ ...event, about: summary(event) }));
    return element(
      "li",
      {},
      element("strong", { text: spoken(event.type) }),
      ` ${details(event)} `,
      element("q", { text: event.text }),
      " ",
      button,
    );
  });
  return element(
    "div",
    { className: "popup" },
    element("p", { className: "popup-place", text: `${count} reported at ${events[0].place.name}` }),
    element("ul", { className: "popup-events" }, ...items),
  );
}

function details(event) {
  const parts = [
    event.date ? event.date.start : "no date",
    event.actor ? `by ${event.actor.name}` : null,
    event.claimant ? `according to ${event.claimant.name}` : null,
    event.modality === "asserted" ? null : `(${event.modality})`,
  ];
  return parts.filter(Boolean).join(", ");
}

function summary(event) {
  return `${spoken(event.type)} at ${event.place ? event.place.name : "no place"}: ${details(event)}`;
}

function legendItems(events) {
  const types = [...new Set(events.map((event) => event.type))].sort();
  return types.map((type) => {
    const swatch = element("span", { className: "swatch round" });
    swatch.style.background = TYPE_COLOURS[type] || "#333333";
    return element("li", {}, swatch, spoken(type));
  });
}
