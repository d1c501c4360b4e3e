// The only place where core offsets become LSP positions and core results become LSP types.
import { CodeActionKind, CompletionItemKind, DiagnosticSeverity, DiagnosticTag, InsertTextFormat, MarkupKind, type CodeAction, type CompletionItem, type Diagnostic, type Hover, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { docUrlFor, type HoverInfo, type Problem, type Proposal, type ProposalKind, type QuickFix, type Severity, type Span } from './core';

export const toRange = (doc: TextDocument, s: Span): Range => ({ start: doc.positionAt(s.start), end: doc.positionAt(s.end) });

export const toSpan = (doc: TextDocument, r: Range): Span => ({ start: doc.offsetAt(r.start), end: doc.offsetAt(r.end) });

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const DIAGNOSTIC_SOURCE = 'apigw-lens';

export function toDiagnostic(doc: TextDocument, p: Problem): Diagnostic {
  return {
    range: toRange(doc, p.span),
    severity: SEVERITY[p.severity],
    code: p.id,
    codeDescription: { href: docUrlFor(p.id) },
    source: DIAGNOSTIC_SOURCE,
    message: p.inferred ? `${p.message} (inferred behaviour)` : p.message,
    ...(p.unnecessary ? { tags: [DiagnosticTag.Unnecessary] } : {}),
    ...(p.related?.length ? { relatedInformation: p.related.map((r) => ({ location: { uri: doc.uri, range: toRange(doc, r.span) }, message: r.message })) } : {}),
  };
}

export function toCodeAction(doc: TextDocument, fix: QuickFix, diagnostic: Diagnostic): CodeAction {
  return {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: Boolean(fix.preferred),
    edit: { changes: { [doc.uri]: fix.edits.map((e) => ({ range: toRange(doc, e.span), newText: e.newText })) } },
  };
}

const COMPLETION_KIND: Record<ProposalKind, CompletionItemKind> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  enum: CompletionItemKind.EnumMember,
  reference: CompletionItemKind.Reference,
  snippet: CompletionItemKind.Snippet,
  function: CompletionItemKind.Method,
  variable: CompletionItemKind.Variable,
  keyword: CompletionItemKind.Keyword,
  path: CompletionItemKind.Field,
  key: CompletionItemKind.Constant,
  type: CompletionItemKind.Class,
};

export function toCompletionItem(doc: TextDocument, p: Proposal): CompletionItem {
  return {
    label: p.label,
    kind: COMPLETION_KIND[p.kind],
    ...(p.detail ? { detail: p.detail } : {}),
    ...(p.documentation ? { documentation: { kind: MarkupKind.Markdown, value: p.documentation } } : {}),
    textEdit: { range: toRange(doc, p.span), newText: p.insertText },
    insertTextFormat: p.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    filterText: p.filterText,
    sortText: p.sortText,
    ...(p.retrigger ? { command: { title: 'Suggest', command: 'editor.action.triggerSuggest' } } : {}),
  };
}

export function toHover(doc: TextDocument, h: HoverInfo): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: h.contents }, range: toRange(doc, h.span) };
}
