// Quick-fix edits that add a whole resource (e.g. a `$default` IntegrationResponse) right after another one, in block
// YAML or JSON, keeping the document's indentation and line endings. Pure.
import type { CfnValue } from '../model/cfnValue';
import { asMap, getProp } from '../model/cfnValue';
import type { Resource, TemplateModel } from '../model/template';
import type { TextEdit } from '../problem';
import { eolOf } from './util';

/** A property of the new resource: its value already written in the document's format (`!Ref Api` / `{"Ref": "Api"}`). */
export interface NewProperty {
  readonly key: string;
  readonly source: string;
}

/** A logical id based on `base` that no resource, parameter or condition uses yet. */
export function freshLogicalId(model: TemplateModel, base: string): string {
  const taken = (id: string) => model.resourceById.has(id) || model.parameters.has(id) || model.conditions.has(id);
  if (!taken(base)) return base;
  for (let i = 2; ; i++) if (!taken(`${base}${i}`)) return `${base}${i}`;
}

/** `Ref` of a logical id, written for the document's format. */
export function refSource(model: TemplateModel, logicalId: string): string {
  return model.source.format === 'json' ? `{ "Ref": ${JSON.stringify(logicalId)} }` : `!Ref ${logicalId}`;
}

/** A literal string written for the document's format (YAML single-quoted when it starts with `$` or other specials). */
export function stringSource(model: TemplateModel, s: string): string {
  if (model.source.format === 'json') return JSON.stringify(s);
  return /^[A-Za-z0-9_/.-]+$/.test(s) ? s : `'${s.replace(/'/g, "''")}'`;
}

/** The source text of a value when it is on one line (so it can be copied into a new resource), else undefined. */
export function copySource(model: TemplateModel, v: CfnValue | undefined): string | undefined {
  if (!v) return undefined;
  const text = model.text.slice(v.span.start, v.span.end);
  return /[\r\n]/.test(text) ? undefined : text;
}

/** An edit inserting a resource after `after`, or undefined when the Resources section is not a block/JSON mapping. */
export function insertResourceAfter(model: TemplateModel, after: Resource, logicalId: string, type: string, properties: readonly NewProperty[]): TextEdit | undefined {
  const resources = asMap(getProp(model.root, 'Resources'));
  if (!resources) return undefined;
  const text = model.text;
  const eol = eolOf(text);
  const lineStart = text.lastIndexOf('\n', after.keySpan.start - 1) + 1;
  const indent = text.slice(lineStart, after.keySpan.start);
  if (!/^[ \t]*$/.test(indent)) return undefined; // the resource does not start its own line
  if (model.source.format === 'json') {
    const inner = `${indent}  `;
    const props = properties.map((p) => `${inner}  ${JSON.stringify(p.key)}: ${p.source}`).join(`,${eol}`);
    const body = `${JSON.stringify(logicalId)}: {${eol}${inner}"Type": ${JSON.stringify(type)},${eol}${inner}"Properties": {${eol}${props}${eol}${inner}}${eol}${indent}}`;
    return { span: { start: after.span.end, end: after.span.end }, newText: `,${eol}${indent}${body}` };
  }
  if (resources.node.flow) return undefined;
  const inner = `${indent}  `;
  const lines = [`${indent}${logicalId}:`, `${inner}Type: ${type}`, `${inner}Properties:`, ...properties.map((p) => `${inner}  ${p.key}: ${p.source}`)];
  const nl = text.indexOf('\n', after.span.end);
  if (nl < 0) return { span: { start: text.length, end: text.length }, newText: `${eol}${lines.join(eol)}` };
  return { span: { start: nl + 1, end: nl + 1 }, newText: `${lines.join(eol)}${eol}` };
}
