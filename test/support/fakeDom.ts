// A small in-memory DOM, just enough to run the Run Route webview bundle (dist/webview.js) under Node: elements, text nodes, attributes, events, form values. No HTML parser on purpose: nothing in the webview may need one.

type Listener = (event: FakeEvent) => void;

/** An event as the webview's handlers read it. */
export interface FakeEvent {
  type: string;
  target: FakeNode | null;
  key?: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  data?: unknown;
  defaultPrevented: boolean;
  preventDefault(): void;
  stopPropagation(): void;
  /** Set by stopPropagation. */
  stopped: boolean;
}

export function makeEvent(type: string, init: Partial<FakeEvent> = {}): FakeEvent {
  const e: FakeEvent = {
    type,
    target: null,
    defaultPrevented: false,
    stopped: false,
    preventDefault() {
      e.defaultPrevented = true;
    },
    stopPropagation() {
      e.stopped = true;
    },
    ...init,
  };
  return e;
}

export class FakeNode {
  parentNode: FakeElement | null = null;
  constructor(readonly nodeType: number) {}
  get textContent(): string {
    return '';
  }
}

export class FakeText extends FakeNode {
  constructor(public data: string) {
    super(3);
  }
  override get textContent(): string {
    return this.data;
  }
}

export class FakeElement extends FakeNode {
  readonly childNodes: FakeNode[] = [];
  readonly attributes = new Map<string, string>();
  hidden = false;
  disabled = false;
  private readonly listeners = new Map<string, Listener[]>();
  private ownValue = '';
  constructor(readonly tagName: string) {
    super(1);
  }

  get firstChild(): FakeNode | null {
    return this.childNodes[0] ?? null;
  }
  get children(): FakeElement[] {
    return this.childNodes.filter((c): c is FakeElement => c instanceof FakeElement);
  }
  override get textContent(): string {
    return this.childNodes.map((c) => c.textContent).join('');
  }
  set textContent(text: string) {
    for (const c of this.childNodes) c.parentNode = null;
    this.childNodes.length = 0;
    if (text !== '') this.appendChild(new FakeText(text));
  }
  get id(): string {
    return this.attributes.get('id') ?? '';
  }
  get className(): string {
    return this.attributes.get('class') ?? '';
  }
  set className(v: string) {
    this.attributes.set('class', v);
  }
  get classList(): { toggle(name: string, force?: boolean): void; contains(name: string): boolean } {
    const names = () => this.className.split(/\s+/).filter(Boolean);
    return {
      toggle: (name, force) => {
        const has = names().includes(name);
        const want = force ?? !has;
        this.className = want ? [...names().filter((n) => n !== name), name].join(' ') : names().filter((n) => n !== name).join(' ');
      },
      contains: (name) => names().includes(name),
    };
  }
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, String(value));
  }
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }
  removeAttribute(name: string): void {
    this.attributes.delete(name);
  }
  appendChild<T extends FakeNode>(child: T): T {
    if (child.parentNode) child.parentNode.removeChild(child);
    child.parentNode = this;
    this.childNodes.push(child);
    return child;
  }
  removeChild<T extends FakeNode>(child: T): T {
    const i = this.childNodes.indexOf(child);
    if (i >= 0) this.childNodes.splice(i, 1);
    child.parentNode = null;
    return child;
  }
  get nextElementSibling(): FakeElement | null {
    const siblings = this.parentNode?.children ?? [];
    return siblings[siblings.indexOf(this) + 1] ?? null;
  }
  get previousElementSibling(): FakeElement | null {
    const siblings = this.parentNode?.children ?? [];
    const i = siblings.indexOf(this);
    return i > 0 ? (siblings[i - 1] ?? null) : null;
  }
  focus(): void {
    if (this.ownerDocument) this.ownerDocument.activeElement = this;
  }
  ownerDocument: FakeDocument | null = null;

  /** select: its option elements. */
  get options(): FakeElement[] {
    return this.descendants().filter((e) => e.tagName === 'OPTION');
  }
  /** textarea/input: the typed value; select: the value of the selected option; option: its value attribute. */
  get value(): string {
    if (this.tagName === 'OPTION') return this.attributes.get('value') ?? this.textContent;
    if (this.tagName === 'SELECT') return this.ownValue;
    return this.ownValue;
  }
  set value(v: string) {
    if (this.tagName === 'SELECT') {
      const match = this.options.find((o) => o.value === v);
      this.ownValue = match ? v : '';
      return;
    }
    this.ownValue = String(v);
  }

  /** Whether a listener for `type` is registered on this element itself. */
  listens(type: string): boolean {
    return (this.listeners.get(type) ?? []).length > 0;
  }
  addEventListener(type: string, listener: Listener): void {
    const list = this.listeners.get(type) ?? [];
    list.push(listener);
    this.listeners.set(type, list);
  }
  /** Dispatches `event` here and bubbles it up the ancestors (until stopPropagation). */
  dispatch(event: FakeEvent): void {
    event.target ??= this;
    for (let el: FakeElement | null = this; el && !event.stopped; el = el.parentNode) {
      for (const l of el.listeners.get(event.type) ?? []) l(event);
    }
  }
  /** All element descendants in document order. */
  descendants(): FakeElement[] {
    const out: FakeElement[] = [];
    const walk = (e: FakeElement) => {
      for (const c of e.children) {
        out.push(c);
        walk(c);
      }
    };
    walk(this);
    return out;
  }
}

/** HTMLElement subclasses by tag, so `el instanceof HTMLTextAreaElement` works in the bundle. */
export const ELEMENT_CLASSES = {
  HTMLElement: FakeElement,
  HTMLDivElement: class extends FakeElement {},
  HTMLTextAreaElement: class extends FakeElement {},
  HTMLSelectElement: class extends FakeElement {},
  HTMLInputElement: class extends FakeElement {},
  HTMLButtonElement: class extends FakeElement {},
  HTMLHeadingElement: class extends FakeElement {},
  HTMLParagraphElement: class extends FakeElement {},
  HTMLLabelElement: class extends FakeElement {},
  HTMLDListElement: class extends FakeElement {},
  HTMLOListElement: class extends FakeElement {},
  HTMLLIElement: class extends FakeElement {},
  HTMLOptionElement: class extends FakeElement {},
  HTMLPreElement: class extends FakeElement {},
  HTMLSpanElement: class extends FakeElement {},
};

const TAG_CLASS: Record<string, keyof typeof ELEMENT_CLASSES> = {
  div: 'HTMLDivElement',
  textarea: 'HTMLTextAreaElement',
  select: 'HTMLSelectElement',
  input: 'HTMLInputElement',
  button: 'HTMLButtonElement',
  h1: 'HTMLHeadingElement',
  h2: 'HTMLHeadingElement',
  h3: 'HTMLHeadingElement',
  p: 'HTMLParagraphElement',
  label: 'HTMLLabelElement',
  dl: 'HTMLDListElement',
  ol: 'HTMLOListElement',
  li: 'HTMLLIElement',
  option: 'HTMLOptionElement',
  pre: 'HTMLPreElement',
  span: 'HTMLSpanElement',
};

export class FakeDocument {
  title = '';
  activeElement: FakeElement | null = null;
  readonly body: FakeElement;
  constructor() {
    this.body = this.createElement('body');
  }
  createElement(tag: string): FakeElement {
    const Cls = ELEMENT_CLASSES[TAG_CLASS[tag.toLowerCase()] ?? 'HTMLElement'];
    const el = new Cls(tag.toUpperCase());
    el.ownerDocument = this;
    return el;
  }
  createTextNode(text: string): FakeText {
    return new FakeText(text);
  }
  getElementById(id: string): FakeElement | null {
    return this.body.descendants().find((e) => e.id === id) ?? null;
  }
}

/** `(icon NAME …)` for a codicon element (`codicon codicon-NAME [codicon-modifier-…]`), else empty. */
function iconFlag(el: FakeElement): string {
  const classes = el.className.split(/\s+/);
  if (!classes.includes('codicon')) return '';
  return `(icon ${classes.filter((c) => c.startsWith('codicon-')).map((c) => c.slice('codicon-'.length)).join(' ')})`;
}

/** One element as a line of an outline: tag, test id, codicon, state, and its own text (not its children's). */
export function outline(root: FakeElement, indent = ''): string[] {
  const lines: string[] = [];
  for (const el of root.children) {
    if (el.hidden) continue;
    const own = el.childNodes.filter((c): c is FakeText => c instanceof FakeText).map((t) => t.data).join('');
    const testid = el.getAttribute('data-testid');
    const flags = [testid ? `[${testid}]` : '', iconFlag(el), el.disabled ? '(disabled)' : '', (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.tagName === 'INPUT') && el.value !== '' ? `= ${JSON.stringify(el.value)}` : ''].filter(Boolean).join(' ');
    lines.push(`${indent}${el.tagName.toLowerCase()}${flags ? ` ${flags}` : ''}${own ? ` ${JSON.stringify(own)}` : ''}`);
    lines.push(...outline(el, `${indent}  `));
  }
  return lines;
}
