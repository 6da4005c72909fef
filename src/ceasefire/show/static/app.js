// The dashboard: four views over the REST API and an evidence panel, all narrowed by the same
// filters. Each view reads an endpoint a user can call too ("as JSON" beside its title).

import { createEvidencePanel } from "./evidence.js";
import { createFigureTable } from "./figures.js";
import { bindFilters, currentFilters, offerTypes } from "./filters.js";
import { createEventMap } from "./map.js";
import { createAgreementMatrix } from "./matrix.js";
import { createTimeline } from "./timeline.js";
import { EVENT_TYPES, METRICS } from "./vocabulary.js";

const evidence = createEvidencePanel(document.getElementById("evidence"));
const views = [
  createTimeline(document.getElementById("timeline"), evidence.show),
  createEventMap(document.getElementById("events"), evidence.show),
  createFigureTable(document.getElementById("figures"), evidence.show),
  createAgreementMatrix(document.getElementById("agreement"), evidence.show),
];
const showAll = (filters) => views.forEach((view) => view.load(filters));

offerTypes(document.getElementById("types"), [...EVENT_TYPES, ...METRICS]);
bindFilters(document.getElementById("filters"), showAll);
showAll(currentFilters());
