// Browser helpers shared by the zone lookup and the site search.

/** Fills {name} placeholders of an i18n string. */
export const fill = (template: string, values: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);

/** A new element with an optional class and text (set as text, never as markup). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * A widget on the page: its root (the first match of `rootSelector`) and its parts, each the first
 * match of its selector inside the root; null when any is missing (a page without the widget).
 */
export function findWidget<T extends { root: HTMLElement }>(
  rootSelector: string,
  parts: { [K in Exclude<keyof T, 'root'>]: string },
): T | null {
  const root = document.querySelector<HTMLElement>(rootSelector);
  if (!root) return null;
  const found: Record<string, Element> = { root };
  for (const [key, selector] of Object.entries<string>(parts)) {
    const node = root.querySelector(selector);
    if (!node) return null;
    found[key] = node;
  }
  return found as unknown as T;
}
