// The Run Route webview (browser bundle): renders the session and run results the host posts, and posts run / reveal / save requests. DOM only.
import {
  isHostMessage,
  type HostMessage,
  type ErrorView,
  type LocationView,
  type RunInputView,
  type RunView,
  type SessionView,
  type StepView,
  type WebviewMessage,
  type WsEvent,
} from '../src/webviewMessages';
import { append, byId, clear, h, icon } from './dom';
import { ICON, STEP_ICON } from './icons';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** Unsent edits, kept across the webview being hidden and shown again. */
interface Draft {
  key: string;
  input: RunInputView;
}

const vscode = acquireVsCodeApi();
const post = (m: WebviewMessage) => vscode.postMessage(m);

const STATUS_TEXT: Record<StepView['status'], string> = { ok: 'done', skipped: 'skipped', error: 'failed' };

/** The current session; undefined until the host sent one. */
let session: SessionView | undefined;

function draftKey(s: SessionView): string {
  return `${s.templateUri}#${s.apiId}#${s.route?.logicalId ?? ''}`;
}

function readDraft(): Draft | undefined {
  const state = vscode.getState() as { draft?: Draft } | undefined;
  const d = state?.draft;
  return d && typeof d.key === 'string' && d.input && typeof d.input.message === 'string' ? d : undefined;
}

// ---------------------------------------------------------------------------------------------------------------------
// Skeleton: built once; every later update only changes text, values and visibility.

function field(id: string, label: string, control: HTMLElement, hint?: HTMLElement): HTMLElement {
  return h('div', { class: 'field', id: `${id}-field` }, h('label', { for: id }, label), control, hint);
}

/** A multi-line text input; its id is also its `data-testid`. */
function textarea(id: string, rows: number, label: string): HTMLTextAreaElement {
  return h('textarea', { id, rows, spellcheck: 'false', 'aria-label': label, 'data-testid': id });
}

function buildSkeleton(app: HTMLElement): void {
  clear(app);
  app.removeAttribute('aria-busy');
  app.setAttribute('data-testid', 'run-route-panel');
  const header = h(
    'header',
    { class: 'panel-header' },
    h('div', { class: 'titles' }, h('h1', { id: 'title', 'data-testid': 'title' }), h('p', { id: 'subtitle', class: 'subtitle', 'data-testid': 'subtitle' })),
    h('button', { id: 'pick-route', type: 'button', class: 'secondary', title: 'Choose another route of this template', 'data-testid': 'pick-route' }, 'Change route…'),
  );
  const event = h('select', { id: 'event', 'data-testid': 'event' }, ...(['message', 'connect', 'disconnect'] as const).map((e) => h('option', { value: e }, e === 'message' ? 'message (MESSAGE)' : e === 'connect' ? '$connect (CONNECT)' : '$disconnect (DISCONNECT)')));
  const recent = h('select', { id: 'recent', 'aria-label': 'Recent messages for this route', 'data-testid': 'recent' });
  const presets = h('select', { id: 'backend-preset', 'aria-label': 'Ready-made backend stubs', 'data-testid': 'backend-preset' });
  const inputs = h(
    'section',
    { id: 'input', class: 'input', 'aria-label': 'Input' },
    field('event', 'Event', event),
    h(
      'div',
      { class: 'field', id: 'message-field' },
      h('div', { class: 'label-row' }, h('label', { for: 'message', id: 'message-label' }, 'Message'), recent),
      textarea('message', 6, 'Message'),
      h('p', { id: 'message-note', class: 'note', 'data-testid': 'message-note' }),
    ),
    h('div', { id: 'connect-inputs', class: 'pair' }, field('headers', 'Headers (JSON object)', textarea('headers', 3, 'Headers')), field('query', 'Query string (JSON object)', textarea('query', 3, 'Query string'))),
    h('div', { class: 'pair' }, field('stage', 'Stage', h('select', { id: 'stage', 'data-testid': 'stage' })), field('stage-variables', 'Stage variables (JSON object)', textarea('stage-variables', 3, 'Stage variables'))),
    h(
      'div',
      { id: 'backend-inputs', class: 'field' },
      h('div', { class: 'label-row' }, h('label', { for: 'backend' }, 'Backend stub (JSON)'), presets),
      textarea('backend', 5, 'Backend stub'),
      h('p', { id: 'backend-hint', class: 'note', 'data-testid': 'backend-hint' }),
    ),
    h(
      'div',
      { class: 'actions' },
      h('button', { id: 'run', type: 'button', title: 'Run (Ctrl+Enter)', 'data-testid': 'run' }, icon(ICON.run), 'Run'),
      h('span', { class: 'spacer' }),
      h('input', { id: 'scenario-name', type: 'text', placeholder: 'scenario name', 'aria-label': 'Scenario name', maxlength: 200, 'data-testid': 'scenario-name' }),
      h('button', { id: 'save', type: 'button', class: 'secondary', title: 'Save this input and the output it produces to the scenarios file next to the template', 'data-testid': 'save' }, icon(ICON.save), 'Save as scenario'),
    ),
  );
  const status = h('div', { id: 'status', class: 'status', role: 'status', 'aria-live': 'polite', 'data-testid': 'status' });
  const result = h(
    'section',
    { id: 'result', class: 'result', 'aria-label': 'Result', 'data-testid': 'result' },
    h('h2', { id: 'headline', 'data-testid': 'headline' }),
    h('dl', { id: 'facts', class: 'facts', 'data-testid': 'facts' }),
    h('div', { id: 'error', class: 'error', 'data-testid': 'error' }),
    h('h3', { class: 'section-title' }, 'Pipeline'),
    h('ol', { id: 'stages', class: 'stages', 'aria-label': 'Pipeline stages', 'data-testid': 'stages' }),
    h(
      'section',
      { id: 'outcome', class: 'outcome', 'aria-labelledby': 'outcome-title', 'data-testid': 'outcome' },
      h('h3', { id: 'outcome-title', class: 'section-title', 'data-testid': 'outcome-title' }),
      h('div', { id: 'outcome-body' }),
    ),
  );
  result.hidden = true;
  append(app, header, inputs, status, result);
  byId('error', HTMLDivElement).hidden = true;

  byId('run', HTMLButtonElement).addEventListener('click', run);
  byId('save', HTMLButtonElement).addEventListener('click', save);
  byId('pick-route', HTMLButtonElement).addEventListener('click', () => post({ type: 'pickRoute' }));
  event.addEventListener('change', () => {
    updateVisibility();
    saveDraft();
  });
  presets.addEventListener('change', () => {
    const i = Number(presets.value);
    const preset = presets.value !== '' && Number.isInteger(i) && i >= 0 ? session?.backendPresets[i] : undefined;
    if (preset) byId('backend', HTMLTextAreaElement).value = preset.text;
    presets.value = '';
    saveDraft();
  });
  recent.addEventListener('change', () => {
    const i = Number(recent.value);
    const text = recent.value !== '' && Number.isInteger(i) && i >= 0 ? session?.recent[i] : undefined;
    if (text !== undefined) byId('message', HTMLTextAreaElement).value = text;
    recent.value = '';
    saveDraft();
  });
  byId('stage', HTMLSelectElement).addEventListener('change', () => {
    const name = byId('stage', HTMLSelectElement).value;
    const stage = session?.stages.find((s) => s.name === name);
    byId('stage-variables', HTMLTextAreaElement).value = stage?.variables ?? '';
    saveDraft();
  });
  inputs.addEventListener('input', saveDraft);
  inputs.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      run();
    }
  });
  byId('scenario-name', HTMLInputElement).addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      save();
    }
  });
}

// ---------------------------------------------------------------------------------------------------------------------
// Input

function currentInput(): RunInputView {
  return {
    event: byId('event', HTMLSelectElement).value as WsEvent,
    message: byId('message', HTMLTextAreaElement).value,
    headers: byId('headers', HTMLTextAreaElement).value,
    query: byId('query', HTMLTextAreaElement).value,
    stage: byId('stage', HTMLSelectElement).value,
    stageVariables: byId('stage-variables', HTMLTextAreaElement).value,
    backend: byId('backend', HTMLTextAreaElement).value,
  };
}

function setInput(input: RunInputView): void {
  byId('event', HTMLSelectElement).value = input.event;
  byId('message', HTMLTextAreaElement).value = input.message;
  byId('headers', HTMLTextAreaElement).value = input.headers;
  byId('query', HTMLTextAreaElement).value = input.query;
  const stage = byId('stage', HTMLSelectElement);
  if (![...stage.options].some((o) => o.value === input.stage)) stage.appendChild(h('option', { value: input.stage }, input.stage || '(none)'));
  stage.value = input.stage;
  byId('stage-variables', HTMLTextAreaElement).value = input.stageVariables;
  byId('backend', HTMLTextAreaElement).value = input.backend;
}

function saveDraft(): void {
  if (!session) return;
  vscode.setState({ draft: { key: draftKey(session), input: currentInput() } satisfies Draft });
}

function updateVisibility(): void {
  if (!session) return;
  const ws = session.protocol === 'WEBSOCKET';
  byId('event-field', HTMLDivElement).hidden = !ws;
  const event = byId('event', HTMLSelectElement).value;
  // A WebSocket $connect or $disconnect carries no frame: only `message` events have a message to edit.
  byId('message-field', HTMLDivElement).hidden = ws && event !== 'message';
  byId('connect-inputs', HTMLDivElement).hidden = !ws || event !== 'connect';
  byId('backend-inputs', HTMLDivElement).hidden = !session.needsBackend;
}

function run(): void {
  if (!session) return;
  post({ type: 'run', input: currentInput() });
}

function save(): void {
  if (!session) return;
  const nameInput = byId('scenario-name', HTMLInputElement);
  const name = nameInput.value.trim();
  if (!name) {
    showStatus('Give the scenario a name first.', 'error', undefined);
    nameInput.focus();
    return;
  }
  post({ type: 'save', name, input: currentInput() });
  showStatus(`Saving scenario "${name}"…`, 'busy', undefined);
}

function showRecent(list: string[]): void {
  const recent = byId('recent', HTMLSelectElement);
  clear(recent);
  append(recent, h('option', { value: '' }, list.length ? `Recent (${list.length})` : 'No recent messages'), ...list.map((m, i) => h('option', { value: String(i) }, m.length > 80 ? `${m.slice(0, 79)}…` : m)));
  recent.disabled = list.length === 0;
}

function showSession(s: SessionView): void {
  session = s;
  const routeLabel = s.route ? `${s.route.routeKey} (${s.route.logicalId})` : `request to ${s.apiId}`;
  byId('title', HTMLHeadingElement).textContent = `Run Route: ${routeLabel}`;
  const integration = s.integrationType || (s.route ? 'no integration' : 'routing picks the route');
  byId('subtitle', HTMLParagraphElement).textContent = [s.templateName, s.protocol === 'HTTP' ? 'HTTP API' : 'WebSocket API', integration].join(' · ');
  document.title = `Run Route: ${routeLabel}`;
  byId('message-label', HTMLLabelElement).textContent = s.protocol === 'HTTP' ? 'Request (JSON: method, path, headers, query, body)' : 'Message';
  const note = byId('message-note', HTMLParagraphElement);
  clear(note);
  append(note, s.messageNote ? icon(ICON.info) : undefined, s.messageNote);
  note.hidden = s.messageNote === '';
  byId('backend-hint', HTMLParagraphElement).textContent = s.backendHint;
  const presets = byId('backend-preset', HTMLSelectElement);
  clear(presets);
  append(presets, h('option', { value: '' }, 'Ready-made stubs…'), ...s.backendPresets.map((p, i) => h('option', { value: String(i) }, p.label)));
  presets.hidden = s.backendPresets.length === 0;

  showRecent(s.recent);

  const stage = byId('stage', HTMLSelectElement);
  clear(stage);
  append(stage, h('option', { value: '' }, '(no stage)'), ...s.stages.map((st) => h('option', { value: st.name }, st.name)));

  const draft = readDraft();
  setInput(draft && draft.key === draftKey(s) ? draft.input : s.input);
  updateVisibility();
  saveDraft();
}

// ---------------------------------------------------------------------------------------------------------------------
// Result

function reveal(location: LocationView | undefined): void {
  if (location) post({ type: 'reveal', location });
}

function block(label: string, text: string, language: 'json' | 'text'): HTMLElement {
  return h('details', { class: 'block', open: true, 'data-testid': 'step-block' }, h('summary', {}, label), h('pre', { class: `code ${language}`, tabindex: 0 }, text));
}

/** The "show in the template" icon after something that has a location. */
function gotoIcon(): HTMLSpanElement {
  return icon(ICON.goto, 'goto');
}

/** Icon, code, message and (when it has a location) the jump icon of the run's error; text is `CODE message`. */
function errorContent(err: ErrorView): (Node | string)[] {
  return [icon(ICON.error), h('strong', {}, err.code), ' ', err.message, ...(err.location ? [gotoIcon()] : [])];
}

/** The run's error, shown inside the stage that failed; a click (or Enter) jumps to where the error is in the template. */
function errorInStep(err: ErrorView): HTMLElement {
  const box = h(
    'div',
    { class: `step-error${err.location ? ' has-location' : ''}`, 'data-testid': 'step-error', tabindex: err.location ? 0 : undefined, title: err.location ? 'Show in the template' : undefined },
    ...errorContent(err),
  );
  box.addEventListener('click', (e) => {
    e.stopPropagation();
    reveal(err.location);
  });
  box.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      e.stopPropagation();
      reveal(err.location);
    }
  });
  return box;
}

/** One stage of the trace; `error` is the run's error when this is the stage that failed. */
function stepItem(step: StepView, index: number, error: ErrorView | undefined): HTMLLIElement {
  const head = h(
    'div',
    { class: 'step-head' },
    icon(STEP_ICON[step.status], 'status-icon'),
    h('span', { class: 'step-title', 'data-testid': 'step-title' }, `${index + 1}. ${step.title}`),
    step.inferred ? h('span', { class: 'badge', title: 'AWS does not document this behaviour; the simulator infers it (see gateway-spec.md).' }, icon(ICON.info), 'inferred') : undefined,
    step.location ? gotoIcon() : undefined,
  );
  const label = `${index + 1}. ${step.title}: ${STATUS_TEXT[step.status]}${step.inferred ? ', inferred' : ''}. ${step.detail}${step.location ? ' Press Enter to show it in the template.' : ''}`;
  const li = h(
    'li',
    { class: `step status-${step.status}${step.location ? ' has-location' : ''}`, tabindex: 0, 'data-stage': step.stage, 'data-status': step.status, 'data-testid': 'step', 'aria-label': label },
    head,
    h('p', { class: 'detail', 'data-testid': 'step-detail' }, step.detail),
    error ? errorInStep(error) : undefined,
    ...step.blocks.map((b) => block(b.label, b.text, b.language)),
  );
  head.addEventListener('click', () => reveal(step.location));
  li.addEventListener('keydown', (e) => {
    if (e.target !== li) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      reveal(step.location);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const sibling = e.key === 'ArrowDown' ? li.nextElementSibling : li.previousElementSibling;
      if (sibling instanceof HTMLElement) sibling.focus();
    }
  });
  return li;
}

function showRun(r: RunView): void {
  lastRun = r;
  const result = byId('result', HTMLElement);
  result.hidden = false;
  result.removeAttribute('aria-busy');
  byId('headline', HTMLHeadingElement).textContent = r.headline;

  const facts = byId('facts', HTMLDListElement);
  clear(facts);
  for (const f of r.facts) append(facts, h('dt', {}, f.label), h('dd', {}, f.value));

  const error = byId('error', HTMLDivElement);
  clear(error);
  error.hidden = !r.error;
  if (r.error) {
    const err = r.error;
    append(error, ...errorContent(err));
    error.setAttribute('role', 'alert');
    error.classList.toggle('has-location', Boolean(err.location));
    if (err.location) error.setAttribute('tabindex', '0');
    else error.removeAttribute('tabindex');
  }

  const stages = byId('stages', HTMLOListElement);
  clear(stages);
  // The error is shown in place: inside the (last) stage that failed.
  const failed = r.error ? r.steps.map((s) => s.status).lastIndexOf('error') : -1;
  r.steps.forEach((s, i) => stages.appendChild(stepItem(s, i, i === failed ? r.error : undefined)));

  byId('outcome-title', HTMLHeadingElement).textContent = r.outcome.title;
  const body = byId('outcome-body', HTMLDivElement);
  clear(body);
  const outcome = byId('outcome', HTMLElement);
  outcome.className = `outcome kind-${r.outcome.kind}`;
  if (r.outcome.text !== null) append(body, h('pre', { id: 'client-receives', class: `code ${r.outcome.language}`, tabindex: 0, 'data-testid': 'client-receives' }, r.outcome.text));
  if (r.outcome.note) append(body, h('p', { id: 'outcome-note', class: r.outcome.text === null ? 'none' : 'note', 'data-testid': 'outcome-note' }, r.outcome.note));
}

let statusLocation: LocationView | undefined;

const STATUS_ICON: Record<'info' | 'error' | 'busy', string> = { info: ICON.info, error: ICON.error, busy: ICON.busy };

function showStatus(text: string, kind: 'info' | 'error' | 'busy', location: LocationView | undefined): void {
  const status = byId('status', HTMLDivElement);
  clear(status);
  status.className = `status ${kind}${location ? ' has-location' : ''}`;
  statusLocation = location;
  append(status, text ? icon(STATUS_ICON[kind], kind === 'busy' ? 'codicon-modifier-spin' : '') : undefined, text, location ? gotoIcon() : undefined);
  if (location) status.setAttribute('tabindex', '0');
  else status.removeAttribute('tabindex');
}

// ---------------------------------------------------------------------------------------------------------------------
// Messages

function onHostMessage(m: HostMessage): void {
  switch (m.type) {
    case 'session':
      showSession(m.session);
      showStatus('', 'info', undefined);
      byId('result', HTMLElement).hidden = true;
      return;
    case 'running':
      showStatus(m.reason === 'template-changed' ? 'The template changed: running again…' : 'Running…', 'busy', undefined);
      byId('result', HTMLElement).setAttribute('aria-busy', 'true');
      byId('run', HTMLButtonElement).disabled = true;
      return;
    case 'result':
      byId('run', HTMLButtonElement).disabled = false;
      showRun(m.run);
      showStatus(m.reason === 'template-changed' ? 'The template changed: this is the new result.' : '', 'info', undefined);
      return;
    case 'failed':
      byId('run', HTMLButtonElement).disabled = false;
      byId('result', HTMLElement).removeAttribute('aria-busy');
      showStatus(m.message, 'error', m.location);
      return;
    case 'notice':
      showStatus(m.text, 'info', undefined);
      return;
    case 'recent':
      if (session) session = { ...session, recent: m.recent };
      showRecent(m.recent);
      return;
  }
}

function start(): void {
  const app = document.getElementById('app');
  if (!app) return;
  buildSkeleton(app);
  byId('error', HTMLDivElement).addEventListener('click', () => reveal(currentErrorLocation()));
  byId('error', HTMLDivElement).addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      reveal(currentErrorLocation());
    }
  });
  const status = byId('status', HTMLDivElement);
  status.addEventListener('click', () => reveal(statusLocation));
  status.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      reveal(statusLocation);
    }
  });
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    // Only the host (the webview's parent) talks to us, and only in the shapes the guard accepts.
    if (!isHostMessage(event.data)) return;
    onHostMessage(event.data);
  });
  post({ type: 'ready' });
}

/** The last run shown, for the error link. */
let lastRun: RunView | undefined;
function currentErrorLocation(): LocationView | undefined {
  return lastRun?.error?.location;
}

start();
