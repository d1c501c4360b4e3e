// Which codicon (VS Code's icon font, @vscode/codicons) the Run Route panel shows for what. Data only: every name must exist in dist/codicons/codicon.css (a unit test checks).

import type { StepStatus } from '../src/webviewMessages';

/** Icon names by role. Icons are decorative: the text or aria-label next to them says the same. */
export const ICON = {
  run: 'play',
  save: 'save',
  /** A stage, an error or a failure that can be shown in the template. */
  goto: 'go-to-file',
  error: 'error',
  /** The "inferred" badge, the note under the message (why the sample may not select the route) and the status line's notices. */
  info: 'info',
  /** The status line while a run or a save is in progress (spins unless reduced motion is asked for). */
  busy: 'loading',
} as const;

/** The icon of a pipeline stage by its status. */
export const STEP_ICON: Record<StepStatus, string> = { ok: 'pass', skipped: 'circle-slash', error: 'error' };

/** Every icon name the panel uses. */
export const ALL_ICONS: readonly string[] = [...new Set([...Object.values(ICON), ...Object.values(STEP_ICON)])];
