// The evidence panel: the document a record comes from, with the words it rests on marked.

import { documentPath, getJson } from "./api.js";
import { element } from "./elements.js";
import { viewLoader } from "./view.js";

/** The panel, with `show({doc, span, text, about})` to open a record's document. A record
 * without a span (a claimed aggregate) is found among the document's own records by its words. */
export function createEvidencePanel(panel) {
  const source = panel.querySelector(".source");
  const body = source.querySelector(".document-text");
  const render = (found, record) => {
    panel.querySelector(".hint").hidden = true;
    source.hidden = false;
    source.querySelector(".title").textContent = found.title || found.doc;
    source.querySelector(".meta").replaceChildren(...describe(found));
    source.querySelector(".about").textContent = record.about || "";
    const span = record.span || found.records.find((r) => r.text === record.text)?.span;
    body.replaceChildren(...(span ? markSpan(found.text, span) : [found.text]));
    const mark = body.querySelector("mark");
    if (mark) body.scrollTop = Math.max(0, mark.offsetTop - body.clientHeight / 3);
    panel.scrollIntoView({ block: "nearest" });
  };
  const show = viewLoader(panel, (record) => getJson(documentPath(record.doc)), render);
  return { show };
}

/** The text split at the span into three nodes, the middle one in a <mark>. Spans count
 * Unicode code points (the archive is Python), so the text is cut by code point, not by
 * UTF-16 unit: an emoji earlier in the text must not shift the mark. */
function markSpan(text, [start, end]) {
  const characters = Array.from(text);
  return [
    document.createTextNode(characters.slice(0, start).join("")),
    element("mark", { text: characters.slice(start, end).join("") }),
    document.createTextNode(characters.slice(end).join("")),
  ];
}

function describe(found) {
  const parts = [found.outlet, found.author, found.published, `document ${found.doc}`];
  const nodes = [parts.filter(Boolean).join(" · ")];
  const link = webLink(found.url);
  if (link) nodes.push(" · ", link);
  return nodes;
}

/** A link to the document's address, only for http(s): a stored "javascript:" URL stays text. */
function webLink(url) {
  if (!url) return null;
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return element("span", { text: url });
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    return element("span", { text: url });
  }
  const link = element("a", { text: url });
  link.href = parsed.href;
  link.rel = "noopener noreferrer";
  link.target = "_blank";
  return link;
}
