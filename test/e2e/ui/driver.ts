// Types of the Playwright-backed UI driver that e2e/run.mjs hands to each UI scenario (layer 2 of the real-VS-Code e2e run).

/** The webview that is visible in the workbench (outer `iframe.webview`, inner `#active-frame`). */
export interface UiWebview {
  /** Resolves once the first element matching `selector` inside the webview contains `text`; rejects after 30 s. */
  waitForText(selector: string, text: string | RegExp): Promise<void>;
  /** innerText of the first element matching `selector` (waits up to 30 s for it to exist). */
  text(selector: string): Promise<string>;
  /** innerText of every element currently matching `selector`, in document order (does not wait). */
  texts(selector: string): Promise<string[]>;
  /** Number of elements currently matching `selector` (does not wait). */
  count(selector: string): Promise<number>;
  click(selector: string): Promise<void>;
  /** Scrolls the webview until the first element matching `selector` is in view (e.g. before a screenshot). */
  scrollTo(selector: string): Promise<void>;
  fill(selector: string, value: string): Promise<void>;
  selectOption(selector: string, value: string): Promise<void>;
}

/** Helpers over one workbench page whose workspace is a fresh copy of test/fixtures/e2e/. */
export interface UiDriver {
  /** Opens a workspace file with Quick Open (Ctrl+P) and waits until its editor tab is active. Path is workspace-relative. */
  openFile(relativePath: string): Promise<void>;
  /**
   * Runs a command from the command palette (F1) by its title as shown there, e.g. "API Gateway: Run Route". Returns
   * once the palette closed, or once the command opened its own quick input (a pick), which is then still open.
   */
  runCommand(title: string): Promise<void>;
  /**
   * Opens the Problems panel and returns the visible text of each rendered row, whitespace collapsed: file rows like
   * `bad-key.yaml 1`, marker rows like `<message> apigw-lens apigw/integration-response-key-format [Ln 29, Col 31]`
   * (the parentheses VS Code draws around the code are CSS, not text).
   */
  problems(): Promise<string[]>;
  /** Clicks the first Problems row containing `text`, which reveals the problem in its editor (cursor at its start). */
  openProblem(text: string): Promise<void>;
  /** Opens the Problems panel and resolves with the first row containing `text`; rejects after 30 s. */
  waitForProblem(text: string | RegExp): Promise<string>;
  /** The active webview. */
  readonly webview: UiWebview;
  /** Waits until a workbench element matching the CSS `selector` is visible; rejects after 30 s. */
  waitFor(selector: string): Promise<void>;
  /** Resolves with the innerText of the first workbench element matching `selector` once it contains `text`; rejects after 30 s. */
  waitForText(selector: string, text: string | RegExp): Promise<string>;
  /** innerText of the first workbench element matching `selector` (waits up to 30 s for it). */
  text(selector: string): Promise<string>;
  /** Number of workbench elements currently matching `selector` (does not wait). */
  count(selector: string): Promise<number>;
  /** Presses a key chord in the workbench, Playwright syntax: "Control+Shift+M", "Escape", "Enter". */
  press(keys: string): Promise<void>;
  /** Types text at the current focus. */
  type(text: string): Promise<void>;
  /** Saves a PNG under test-output/e2e/ named `<scenario>-<name>.png`; returns its path. The runner also takes one at the end of every scenario. */
  screenshot(name: string): Promise<string>;
  /** The underlying Playwright `Page` (playwright-core 1.65), for what the helpers do not cover. */
  readonly page: unknown;
}

/** One UI scenario; a `*.ui.ts` module exports `scenarios: UiScenario[]`. */
export interface UiScenario {
  /** Unique name; also the screenshot file name (slugified). */
  name: string;
  /** Drives the workbench; throws (e.g. node:assert) on failure. */
  run(ui: UiDriver): Promise<void>;
}
