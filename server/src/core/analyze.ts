// Runs all checks over a model, applies severity settings and `# apigw-lens-ignore <id>` suppressions. Pure.
import { LineIndex } from './lines';
import type { Problem, Severity } from './problem';
import type { TemplateModel } from './model/template';
import { ALL_CHECKS } from './checks/registry';
import { toProblem, type Check } from './checks/types';

export interface CheckSettings {
  /** Per-id severity override, or 'off' to silence an id. */
  readonly rules?: Readonly<Record<string, Severity | 'off'>>;
}

export interface AnalysisResult {
  readonly problems: Problem[];
  /** Checks that threw (a bug): reported to logs, never to the user as a diagnostic. */
  readonly internalErrors: { check: string; error: string }[];
}

/** Runs the checks. Non-templates get no problems at all. */
export function runChecks(model: TemplateModel, settings: CheckSettings = {}, checks: readonly Check[] = ALL_CHECKS): AnalysisResult {
  const problems: Problem[] = [];
  const internalErrors: { check: string; error: string }[] = [];
  if (!model.isTemplate) return { problems, internalErrors };
  for (const check of checks) {
    try {
      check.run(model, (rule, span, message, options) => problems.push(toProblem(rule, span, message, options)));
    } catch (e) {
      internalErrors.push({ check: check.name, error: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) });
    }
  }
  return { problems: applySettings(model.text, problems, settings), internalErrors };
}

function applySettings(text: string, problems: Problem[], settings: CheckSettings): Problem[] {
  const lines = text.includes('apigw-lens-ignore') ? new LineIndex(text) : undefined;
  const suppressed = lines ? suppressions(text, lines) : new Map<number, Set<string>>();
  const out: Problem[] = [];
  for (const p of problems) {
    const override = settings.rules?.[p.id];
    if (override === 'off') continue;
    if (lines && isSuppressed(lines, p, suppressed)) continue;
    const severity = override ?? p.severity;
    out.push(severity === p.severity ? p : { ...p, severity: p.inferred && severity === 'error' ? 'warning' : severity });
  }
  out.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.id.localeCompare(b.id));
  return out;
}

/** Line index → ids suppressed on the following line (`all` suppresses everything). */
function suppressions(text: string, lines: LineIndex): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  const re = /#\s*apigw-lens-ignore\b([^\r\n]*)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const ids = (m[1] ?? '').trim().split(/[\s,]+/).filter(Boolean);
    out.set(lines.lineOf(m.index), new Set(ids.length ? ids : ['all']));
  }
  return out;
}

function isSuppressed(lines: LineIndex, p: Problem, s: Map<number, Set<string>>): boolean {
  if (s.size === 0) return false;
  const line = lines.lineOf(p.span.start);
  for (const l of [line - 1, line]) {
    const ids = s.get(l);
    if (ids && (ids.has('all') || ids.has(p.id))) return true;
  }
  return false;
}
