// DOM building for the Run Route webview: elements from createElement and text from textContent only (never innerHTML), no inline handlers.

type Child = Node | string | null | undefined | false;

/** Attribute names the panel may set; anything else (and every `on…` handler) is refused. */
const ALLOWED_ATTRIBUTE = /^(?:id|class|role|tabindex|title|for|type|rows|cols|spellcheck|placeholder|value|name|lang|maxlength|open|aria-[a-z]+|data-[a-z-]+)$/;

/**
 * Creates `<tag>` with the given attributes and children. Strings become text nodes, so markup in data is shown as
 * text. Throws on an attribute outside the allow-list (a programming error).
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | number | boolean | undefined> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (!ALLOWED_ATTRIBUTE.test(name)) throw new Error(`attribute ${name} is not allowed`);
    el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, ...children);
  return el;
}

/** Appends children; strings as text nodes. */
export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

/** Removes every child of `el`. */
export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** The element with `id`, typed; throws when the static skeleton lacks it (a programming error). */
export function byId<T extends HTMLElement>(id: string, type: { new (): T }): T {
  const el = document.getElementById(id);
  if (!(el instanceof type)) throw new Error(`#${id} is missing`);
  return el;
}

/**
 * A decorative codicon: an empty `<span class="codicon codicon-NAME">` hidden from assistive technology. It has no
 * text, so it never changes an element's textContent; `extraClass` adds e.g. `codicon-modifier-spin`.
 */
export function icon(name: string, extraClass = ''): HTMLSpanElement {
  return h('span', { class: `codicon codicon-${name}${extraClass ? ` ${extraClass}` : ''}`, 'aria-hidden': 'true' });
}
