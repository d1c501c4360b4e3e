// Go to definition, find references and highlights for logical ids (resources, parameters) and condition names. Pure: offsets in, offsets out.
import { asMap, directRef, getEntry, getProp, subParts, subTemplate, type CfnMap, type CfnValue } from '../model/cfnValue';
import type { TemplateModel } from '../model/template';
import { touches, type Span } from '../span';

/** Logical ids of resources and parameters share one namespace; condition names have their own. */
export type SymbolNamespace = 'logicalId' | 'condition';

/** How an occurrence names its symbol. */
export type OccurrenceVia = 'declaration' | 'Ref' | 'GetAtt' | 'Sub' | 'DependsOn' | 'Condition' | 'If';

/** One place where a logical id or a condition name is written. */
export interface Occurrence {
  readonly name: string;
  readonly namespace: SymbolNamespace;
  /** Exactly the characters of the name in the document. */
  readonly span: Span;
  readonly via: OccurrenceVia;
}

/** Where a symbol is declared: its key (without quotes) and the whole entry. */
export interface Declaration {
  readonly name: string;
  readonly namespace: SymbolNamespace;
  readonly kind: 'resource' | 'parameter' | 'condition';
  readonly keySpan: Span;
  readonly span: Span;
}

/** The answer to go-to-definition: the occurrence under the cursor and the declaration it names. */
export interface DefinitionResult {
  readonly origin: Occurrence;
  readonly target: Declaration;
}

export interface Highlight {
  readonly span: Span;
  /** `write` for the declaration, `read` for every use. */
  readonly kind: 'read' | 'write';
}

/** Occurrences per model: a model never changes, and one request may ask several times (references, highlights). */
const memo = new WeakMap<TemplateModel, readonly Occurrence[]>();

/** Every declaration and every reference to a logical id or condition in the template, in document order. */
export function occurrences(model: TemplateModel): readonly Occurrence[] {
  let found = memo.get(model);
  if (!found) {
    found = collectOccurrences(model);
    memo.set(model, found);
  }
  return found;
}

function collectOccurrences(model: TemplateModel): Occurrence[] {
  if (!model.root || !model.isTemplate) return [];
  const out: Occurrence[] = [];
  for (const d of declarations(model)) out.push({ name: d.name, namespace: d.namespace, span: d.keySpan, via: 'declaration' });
  const walker = new RefWalker(model.text, out);
  const root = model.root;
  for (const e of root.entries) {
    if (e.key === 'Resources' || e.key === 'Outputs') {
      for (const item of asMap(e.value)?.entries ?? []) {
        const body = asMap(item.value);
        walker.conditionAttribute(body);
        if (e.key === 'Resources') walker.dependsOn(getProp(body, 'DependsOn'));
        walker.walk(item.value, false);
      }
    } else walker.walk(e.value, e.key === 'Conditions');
  }
  // A name whose source could not be mapped exactly (escapes, unmappable scalars) is left out rather than placed wrongly.
  return dedupe(out.filter((o) => model.text.slice(o.span.start, o.span.end) === o.name));
}

/** The declarations of the template: resources, parameters and conditions. */
export function declarations(model: TemplateModel): Declaration[] {
  const out: Declaration[] = [];
  const section = (key: string) => asMap(getProp(model.root, key))?.entries ?? [];
  for (const e of section('Parameters')) out.push({ name: e.key, namespace: 'logicalId', kind: 'parameter', keySpan: e.keyNode.valueSpan, span: entrySpan(e.keyNode.span, e.value) });
  for (const e of section('Conditions')) out.push({ name: e.key, namespace: 'condition', kind: 'condition', keySpan: e.keyNode.valueSpan, span: entrySpan(e.keyNode.span, e.value) });
  for (const e of section('Resources')) out.push({ name: e.key, namespace: 'logicalId', kind: 'resource', keySpan: e.keyNode.valueSpan, span: entrySpan(e.keyNode.span, e.value) });
  return out;
}

/** The occurrence whose name the cursor touches (a cursor right after the name still counts). */
export function occurrenceAt(model: TemplateModel, offset: number): Occurrence | undefined {
  let best: Occurrence | undefined;
  for (const o of occurrences(model)) {
    if (!touches(o.span, offset)) continue;
    // Prefer the occurrence that starts at the cursor over one that merely ends there (`!Ref A` then `B`).
    if (!best || o.span.start === offset) best = o;
  }
  return best;
}

/** The declaration named at `offset`, or undefined when the cursor is on no name or the name is not declared here. */
export function findDefinition(model: TemplateModel, offset: number): DefinitionResult | undefined {
  const origin = occurrenceAt(model, offset);
  if (!origin) return undefined;
  const target = declarations(model).find((d) => d.name === origin.name && d.namespace === origin.namespace);
  return target ? { origin, target } : undefined;
}

/** Every occurrence of the symbol at `offset` (its declaration first when asked for), in document order. */
export function findReferences(model: TemplateModel, offset: number, includeDeclaration: boolean): Occurrence[] {
  const origin = occurrenceAt(model, offset);
  if (!origin) return [];
  return occurrences(model).filter((o) => o.name === origin.name && o.namespace === origin.namespace && (includeDeclaration || o.via !== 'declaration'));
}

/** The occurrences of the symbol at `offset`, marked as declaration (write) or use (read). */
export function documentHighlights(model: TemplateModel, offset: number): Highlight[] {
  return findReferences(model, offset, true).map((o) => ({ span: o.span, kind: o.via === 'declaration' ? 'write' : 'read' }));
}

/** Collects references inside values: Ref, GetAtt, Sub variables, condition names of Fn::If and Condition. */
class RefWalker {
  constructor(
    private readonly text: string,
    private readonly out: Occurrence[],
  ) {}

  /** `Condition: Name` on a resource or an output. */
  conditionAttribute(body: CfnMap | undefined): void {
    const value = getEntry(body, 'Condition')?.value;
    if (value?.kind === 'scalar' && typeof value.value === 'string') this.add(value.value, 'condition', value.node.valueSpan, 'Condition');
  }

  /** `DependsOn: X` or `DependsOn: [X, Y]`. */
  dependsOn(value: CfnValue | undefined): void {
    const items = value?.kind === 'list' ? value.items : value ? [value] : [];
    for (const v of items) if (v.kind === 'scalar' && typeof v.value === 'string') this.add(v.value, 'logicalId', v.node.valueSpan, 'DependsOn');
  }

  /** `inConditions`: inside the Conditions section, where the long form `{Condition: X}` names a condition. */
  walk(v: CfnValue | undefined, inConditions: boolean, depth = 0): void {
    if (!v || depth > 200) return;
    if (v.kind === 'map') for (const e of v.entries) this.walk(e.value, inConditions, depth + 1);
    else if (v.kind === 'list') for (const item of v.items) this.walk(item, inConditions, depth + 1);
    else if (v.kind === 'intrinsic') this.intrinsic(v, inConditions, depth);
  }

  private intrinsic(v: Extract<CfnValue, { kind: 'intrinsic' }>, inConditions: boolean, depth: number): void {
    switch (v.fn) {
      case 'Ref':
      case 'Fn::GetAtt': {
        const r = directRef(v, this.text);
        if (r) this.add(r.logicalId, 'logicalId', r.span, v.fn === 'Ref' ? 'Ref' : 'GetAtt');
        else this.walk(v.arg, inConditions, depth + 1);
        return;
      }
      case 'Fn::Sub': {
        for (const p of subParts(v, this.text) ?? []) if (p.kind === 'ref' && p.ref.via === 'Sub') this.add(p.ref.logicalId, 'logicalId', p.ref.span, 'Sub');
        const { vars } = subTemplate(v);
        if (vars) for (const e of vars.entries) this.walk(e.value, inConditions, depth + 1);
        return;
      }
      case 'Condition': {
        const a = v.arg;
        if ((v.form === 'short' || inConditions) && a?.kind === 'scalar' && typeof a.value === 'string') this.add(a.value, 'condition', a.node.valueSpan, 'Condition');
        return;
      }
      case 'Fn::If': {
        const a = v.arg;
        if (a?.kind !== 'list') return this.walk(a, inConditions, depth + 1);
        const [cond, ...branches] = a.items;
        if (cond?.kind === 'scalar' && typeof cond.value === 'string') this.add(cond.value, 'condition', cond.node.valueSpan, 'If');
        for (const b of branches) this.walk(b, inConditions, depth + 1);
        return;
      }
      default:
        this.walk(v.arg, inConditions, depth + 1);
    }
  }

  private add(name: string, namespace: SymbolNamespace, span: Span, via: OccurrenceVia): void {
    if (namespace === 'logicalId' && name.startsWith('AWS::')) return; // pseudo parameters are declared nowhere
    this.out.push({ name, namespace, span, via });
  }
}

function entrySpan(keySpan: Span, value: CfnValue | undefined): Span {
  return { start: keySpan.start, end: value ? value.span.end : keySpan.end };
}

/** Sorts by position and drops repeats of the same span (a Sub variable bound to a Sub of the same id). */
function dedupe(list: Occurrence[]): Occurrence[] {
  const sorted = [...list].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return sorted.filter((o, i) => {
    const prev = sorted[i - 1];
    return !prev || prev.span.start !== o.span.start || prev.span.end !== o.span.end || prev.name !== o.name;
  });
}
