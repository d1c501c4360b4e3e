// Facade of the pure core: parse, model, check. Server, CLI and tests call only these exports.
export type { Span } from './span';
export type { Problem, Severity, QuickFix, TextEdit } from './problem';
export { docUrlFor } from './problem';
export type { ParsedSource, SourceNode, ScalarNode } from './sourceNode';
export { parseSource, type FormatHint } from './parse';
export { buildFullTemplateModel, modelFromSource, resourceAt, type TemplateModel, type Resource } from './model/template';
export { buildTemplateModel, IncrementalModelBuilder, type BuildMode } from './model/incremental';
export type { ApiGraph, ApiNode, RouteNode, IntegrationNode } from './model/apigw';
export { runChecks, type CheckSettings, type AnalysisResult } from './analyze';
export { ALL_CHECKS, allRules } from './checks/registry';
export { parseSelectionExpression, evaluateSelection, variableAt, stringify as stringifySelectionValue, type ParsedSelection, type SelectionPart, type LiteralPart, type VariablePart, type SelectionProblem, type SelectionProblemCode, type SelectionInputs, type SelectionEvaluation, type EvaluationStep } from './expressions/selection';
export { SOURCE_FACTS, SELECTION_FACTS, selectionFactsFor, sourceFacts, expressionKindOf, type ExpressionKind, type ApiProtocol, type KnownSource, type VariableSource, type SelectionKindFacts } from './expressions/selectionFacts';
export { complete, type LanguageInput } from './language/completion';
export { hover, type HoverInfo } from './language/hover';
export type { Proposal, ProposalKind } from './language/proposal';
export type { LanguageData } from './language/samples';
export { findDefinition, findReferences, documentHighlights, occurrences, type Occurrence, type Declaration, type DefinitionResult, type Highlight } from './language/navigation';
export { documentSymbols, workspaceSymbols, type OutlineSymbol, type OutlineKind, type WorkspaceSymbolEntry } from './language/symbols';
