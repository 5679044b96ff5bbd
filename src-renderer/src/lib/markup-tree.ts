/**
 * Markup as plain data: the first screen's painter (no React) and React both build the result rows
 * from one description, so the rows painted before the bundle ran are the rows React renders.
 */
export interface Markup {
  tag: string;
  /** HTML attribute names as written in markup (`class`, `aria-selected`). */
  attrs: Readonly<Record<string, string>>;
  /** Single-word CSS properties only, so the same keys serve the DOM and React. */
  style?: Readonly<Record<string, string>>;
  children: readonly (Markup | string)[];
}

export const el = (tag: string, attrs: Record<string, string>, ...children: (Markup | string)[]): Markup => ({ tag, attrs, children });

/** The DOM nodes for a description (text is set as text, never parsed as HTML). */
export function toDom(m: Markup, doc: Document = document): HTMLElement {
  const node = doc.createElement(m.tag);
  for (const [k, v] of Object.entries(m.attrs)) node.setAttribute(k, v);
  if (m.style) for (const [k, v] of Object.entries(m.style)) node.style.setProperty(k, v);
  for (const c of m.children) node.append(typeof c === 'string' ? doc.createTextNode(c) : toDom(c, doc));
  return node;
}
