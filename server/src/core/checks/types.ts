// Check and rule types: every diagnostic id is declared once as data with its default severity. Pure.
import type { Problem, QuickFix, RelatedInfo, Severity } from '../problem';
import type { Span } from '../span';
import type { TemplateModel } from '../model/template';

export interface Rule {
  /** Stable id, e.g. `apigw/integration-response-key-format`. */
  readonly id: string;
  readonly severity: Severity;
  /** One line for docs and settings descriptions. */
  readonly title: string;
}

export interface EmitOptions {
  readonly fixes?: readonly QuickFix[];
  readonly related?: readonly RelatedInfo[];
  /** Override the rule's default severity for this finding (e.g. a warning-level variant). */
  readonly severity?: Severity;
  readonly inferred?: boolean;
  readonly unnecessary?: boolean;
}

export type Emit = (rule: Rule, span: Span, message: string, options?: EmitOptions) => void;

export interface Check {
  /** A name for logs (usually the file name). */
  readonly name: string;
  readonly rules: readonly Rule[];
  readonly run: (model: TemplateModel, emit: Emit) => void;
}

export function toProblem(rule: Rule, span: Span, message: string, o: EmitOptions | undefined): Problem {
  const severity = o?.inferred && (o.severity ?? rule.severity) === 'error' ? 'warning' : (o?.severity ?? rule.severity);
  return {
    id: rule.id,
    severity,
    message,
    span,
    ...(o?.fixes?.length ? { fixes: o.fixes } : {}),
    ...(o?.related?.length ? { related: o.related } : {}),
    ...(o?.inferred ? { inferred: true } : {}),
    ...(o?.unnecessary ? { unnecessary: true } : {}),
  };
}
