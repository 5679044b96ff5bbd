import { createElement, type ReactElement } from 'react';
import type { Markup } from './markup-tree.ts';

const REACT_NAMES: Readonly<Record<string, string>> = { class: 'className', tabindex: 'tabIndex' };

/** React elements for a description; `rootProps` adds what only React has (handlers) to the outer element. */
export function toReact(m: Markup, rootProps: Record<string, unknown> = {}): ReactElement {
  const props: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(m.attrs)) props[REACT_NAMES[k] ?? k] = v;
  if (m.style) props.style = m.style;
  return createElement(m.tag, { ...props, ...rootProps }, ...m.children.map((c) => (typeof c === 'string' ? c : toReact(c))));
}
