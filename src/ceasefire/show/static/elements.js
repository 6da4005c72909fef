// Building the page from archived data. Document text, titles and names are hostile input:
// they only ever enter the page as text nodes or attribute values, never as parsed HTML.

/** A new element with an optional class, text and tooltip, and its children appended
 * (strings become text nodes). */
export function element(tag, { className, text, title } = {}, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (title) node.title = title;
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

/** An <option> of a <select>: its value and the words shown. */
export function option(value, label) {
  const node = element("option", { text: label });
  node.value = value;
  return node;
}

/** Make a non-button element (a table row, a list item) act on click and on Enter or Space. */
export function makeActivatable(node, action) {
  node.tabIndex = 0;
  node.setAttribute("role", "button");
  node.addEventListener("click", action);
  node.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      action();
    }
  });
}

/** A colour for each of a list of names, the same name keeping its colour between loads. */
export function colourFor(palette) {
  const given = new Map();
  return (name) => {
    if (!given.has(name)) given.set(name, palette[given.size % palette.length]);
    return given.get(name);
  };
}

export const PALETTE = [
  "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e",
  "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22",
];
