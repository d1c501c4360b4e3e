// TemplateModel: a parsed CloudFormation/SAM template — resources by logical id, parameters, conditions — plus the ApiGatewayV2 graph. Pure.
import type { ParsedSource } from '../sourceNode';
import type { Span } from '../span';
import { parseSource, type FormatHint } from '../parse';
import { asMap, getEntry, getProp, scalarString, toCfnValue, type CfnMap, type CfnValue } from './cfnValue';
import { buildApiGraph, type ApiGraph } from './apigw';
import { canonicalType } from './resourceTypes';

export interface Resource {
  readonly logicalId: string;
  readonly keySpan: Span;
  /** The whole `LogicalId: {...}` entry. */
  readonly span: Span;
  readonly type: string | undefined;
  readonly typeSpan: Span | undefined;
  readonly body: CfnMap | undefined;
  readonly properties: CfnMap | undefined;
  /** Name of the Condition the resource is created under: it is only "maybe present". */
  readonly condition: string | undefined;
  readonly dependsOn: readonly { readonly logicalId: string; readonly span: Span }[];
}

export interface Parameter {
  readonly logicalId: string;
  readonly keySpan: Span;
  readonly type: string | undefined;
  readonly defaultValue: CfnValue | undefined;
}

export interface TemplateModel {
  readonly source: ParsedSource;
  readonly text: string;
  /** False for YAML/JSON files that are not CloudFormation templates: they get no diagnostics at all. */
  readonly isTemplate: boolean;
  readonly root: CfnMap | undefined;
  readonly resources: readonly Resource[];
  readonly resourceById: ReadonlyMap<string, Resource>;
  readonly parameters: ReadonlyMap<string, Parameter>;
  readonly conditions: ReadonlyMap<string, Span>;
  readonly apigw: ApiGraph;
}

/** Parses and models a template in one go, as one document (`buildTemplateModel` gives the same model faster). Never throws. */
export function buildFullTemplateModel(text: string, hint?: FormatHint): TemplateModel {
  return modelFromSource(parseSource(text, hint));
}

export function modelFromSource(source: ParsedSource): TemplateModel {
  const rootValue = source.root ? toCfnValue(source.root) : undefined;
  const root = asMap(rootValue);
  const resources: Resource[] = [];
  const resourcesMap = asMap(getProp(root, 'Resources'));
  if (resourcesMap) for (const e of resourcesMap.entries) resources.push(toResource(e.key, e.keyNode.span, e.value));
  return assembleModel(source, root, resources);
}

/** The model of a parsed source whose root value and resources are already built (shared with the incremental builder). */
export function assembleModel(source: ParsedSource, root: CfnMap | undefined, resources: Resource[]): TemplateModel {
  const resourceById = new Map<string, Resource>();
  for (const r of resources) if (!resourceById.has(r.logicalId)) resourceById.set(r.logicalId, r);
  const parameters = new Map<string, Parameter>();
  for (const e of asMap(getProp(root, 'Parameters'))?.entries ?? []) {
    const body = asMap(e.value);
    parameters.set(e.key, { logicalId: e.key, keySpan: e.keyNode.span, type: scalarString(getProp(body, 'Type')), defaultValue: getProp(body, 'Default') });
  }
  const conditions = new Map<string, Span>();
  for (const e of asMap(getProp(root, 'Conditions'))?.entries ?? []) conditions.set(e.key, e.keyNode.span);
  const isTemplate = root
    ? getEntry(root, 'AWSTemplateFormatVersion') !== undefined || resources.some((r) => r.type !== undefined && /^(AWS|Custom)::/.test(r.type))
    : unreadableTemplate(source);
  const partial = { source, text: source.text, isTemplate, root, resources, resourceById, parameters, conditions };
  return { ...partial, apigw: buildApiGraph(partial) };
}

/**
 * True when nothing could be read (no root) yet the text plainly is a template: its parse problems must still be
 * shown, or a template that fails completely would look like an unrelated file.
 */
function unreadableTemplate(source: ParsedSource): boolean {
  if (source.problems.length === 0) return false;
  return /AWSTemplateFormatVersion|"Type"\s*:\s*"(AWS|Custom)::|\bType:\s*["']?(AWS|Custom)::/.test(source.text.slice(0, 65536));
}

/** The Resource of one `LogicalId: {...}` entry of Resources. */
export function toResource(logicalId: string, keySpan: Span, value: CfnValue | undefined): Resource {
  const body = asMap(value);
  const typeValue = getProp(body, 'Type');
  const dependsOn: { logicalId: string; span: Span }[] = [];
  const dep = getProp(body, 'DependsOn');
  if (dep?.kind === 'scalar' && typeof dep.value === 'string') dependsOn.push({ logicalId: dep.value, span: dep.node.valueSpan });
  if (dep?.kind === 'list') for (const d of dep.items) if (d.kind === 'scalar' && typeof d.value === 'string') dependsOn.push({ logicalId: d.value, span: d.node.valueSpan });
  return {
    logicalId,
    keySpan,
    span: { start: keySpan.start, end: value ? value.span.end : keySpan.end },
    type: canonicalType(scalarString(typeValue)),
    typeSpan: typeValue?.kind === 'scalar' ? typeValue.node.valueSpan : undefined,
    body,
    properties: asMap(getProp(body, 'Properties')),
    condition: scalarString(getProp(body, 'Condition')),
    dependsOn,
  };
}

/** The resource whose entry contains `offset`, if any. */
export function resourceAt(model: TemplateModel, offset: number): Resource | undefined {
  for (const r of model.resources) if (offset >= r.span.start && offset <= r.span.end) return r;
  return undefined;
}
