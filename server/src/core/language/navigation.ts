// Go to definition, find references and highlights for logical ids (resources, parameters), condition names and Fn::Sub variables. Pure: offsets in, offsets out.
import { asMap, directRef, getEntry, getProp, subParts, subTemplate, type CfnMap, type CfnValue } from '../model/cfnValue';
import type { TemplateModel } from '../model/template';
import { touches, type Span } from '../span';

/** Logical ids of resources and parameters share one namespace; condition names have their own; each Fn::Sub variable map is its own. */
export type SymbolNamespace = 'logicalId' | 'condition' | 'subVariable';

/** How an occurrence names its symbol. */
export type OccurrenceVia = 'declaration' | 'Ref' | 'GetAtt' | 'Sub' | 'DependsOn' | 'Condition' | 'If' | 'Interface';

/** One place where a logical id or a condition name is written. */
export interface Occurrence {
  readonly name: string;
  readonly namespace: SymbolNamespace;
  /** Exactly the characters of the name in the document. */
  readonly span: Span;
  readonly via: OccurrenceVia;
  /** For `subVariable`: the start of the variable map, so `${Id}` of one Sub never matches `Id` of another. */
  readonly scope?: number;
}

/** Where a symbol is declared: its key (without quotes) and the whole entry. */
export interface Declaration {
  readonly name: string;
  readonly namespace: SymbolNamespace;
  readonly kind: 'resource' | 'parameter' | 'condition' | 'subVariable';
  readonly keySpan: Span;
  readonly span: Span;
  readonly scope?: number;
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

interface Index {
  readonly occurrences: readonly Occurrence[];
  readonly declarations: readonly Declaration[];
}

/** The index per model: a model never changes, and one request may ask several times (references, highlights). */
const memo = new WeakMap<TemplateModel, Index>();

function indexOf(model: TemplateModel): Index {
  let found = memo.get(model);
  if (!found) {
    found = buildIndex(model);
    memo.set(model, found);
  }
  return found;
}

/** Every declaration and every reference to a logical id, condition or Sub variable in the template, in document order. */
export function occurrences(model: TemplateModel): readonly Occurrence[] {
  return indexOf(model).occurrences;
}

/** The declarations of the template: resources, parameters, conditions and the variables of Fn::Sub maps. */
export function declarations(model: TemplateModel): readonly Declaration[] {
  return indexOf(model).declarations;
}

function buildIndex(model: TemplateModel): Index {
  if (!model.root || !model.isTemplate) return { occurrences: [], declarations: [] };
  const decls = sectionDeclarations(model);
  const out: Occurrence[] = [];
  const walker = new RefWalker(model.text, out, decls);
  const root = model.root;
  for (const e of root.entries) {
    if (e.key === 'Resources' || e.key === 'Outputs') {
      for (const item of asMap(e.value)?.entries ?? []) {
        const body = asMap(item.value);
        walker.conditionAttribute(body);
        if (e.key === 'Resources') walker.dependsOn(getProp(body, 'DependsOn'));
        walker.walk(item.value, false);
      }
    } else {
      if (e.key === 'Metadata') walker.parameterInterface(asMap(getProp(asMap(e.value), 'AWS::CloudFormation::Interface')));
      walker.walk(e.value, e.key === 'Conditions');
    }
  }
  for (const d of decls) out.push({ name: d.name, namespace: d.namespace, span: d.keySpan, via: 'declaration', ...scopeOf(d) });
  // A name whose source could not be mapped exactly (escapes, unmappable scalars) is left out rather than placed wrongly.
  const exact = (o: { name: string; span: Span }) => model.text.slice(o.span.start, o.span.end) === o.name;
  return { occurrences: dedupe(out.filter(exact)), declarations: decls.filter((d) => exact({ name: d.name, span: d.keySpan })) };
}

/** Resources, parameters and conditions: the keys of the template's sections. */
function sectionDeclarations(model: TemplateModel): Declaration[] {
  const out: Declaration[] = [];
  const section = (key: string) => asMap(getProp(model.root, key))?.entries ?? [];
  for (const e of section('Parameters')) out.push({ name: e.key, namespace: 'logicalId', kind: 'parameter', keySpan: e.keyNode.valueSpan, span: entrySpan(e.keyNode.span, e.value) });
  for (const e of section('Conditions')) out.push({ name: e.key, namespace: 'condition', kind: 'condition', keySpan: e.keyNode.valueSpan, span: entrySpan(e.keyNode.span, e.value) });
  for (const e of section('Resources')) out.push({ name: e.key, namespace: 'logicalId', kind: 'resource', keySpan: e.keyNode.valueSpan, span: entrySpan(e.keyNode.span, e.value) });
  return out;
}

/** The occurrence whose name the cursor touches (a cursor right after the name still counts). */
function occurrenceAt(model: TemplateModel, offset: number): Occurrence | undefined {
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
  const target = declarations(model).find((d) => sameSymbol(d, origin));
  return target ? { origin, target } : undefined;
}

/** Every occurrence of the symbol at `offset` (its declaration first when asked for), in document order. */
export function findReferences(model: TemplateModel, offset: number, includeDeclaration: boolean): Occurrence[] {
  const origin = occurrenceAt(model, offset);
  if (!origin) return [];
  return occurrences(model).filter((o) => sameSymbol(o, origin) && (includeDeclaration || o.via !== 'declaration'));
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
    /** Sub variable declarations are added here as they are met. */
    private readonly decls: Declaration[],
  ) {}

  /** `Condition: Name` on a resource or an output. */
  conditionAttribute(body: CfnMap | undefined): void {
    const value = getEntry(body, 'Condition')?.value;
    if (value?.kind === 'scalar' && typeof value.value === 'string') this.add(value.value, 'condition', value.node.valueSpan, 'Condition');
  }

  /** Parameter names in `Metadata: AWS::CloudFormation::Interface` (ParameterGroups[].Parameters and ParameterLabels keys). */
  parameterInterface(iface: CfnMap | undefined): void {
    const groups = getProp(iface, 'ParameterGroups');
    for (const group of groups?.kind === 'list' ? groups.items : []) {
      const names = getProp(asMap(group), 'Parameters');
      for (const n of names?.kind === 'list' ? names.items : []) if (n.kind === 'scalar' && typeof n.value === 'string') this.add(n.value, 'logicalId', n.node.valueSpan, 'Interface');
    }
    for (const e of asMap(getProp(iface, 'ParameterLabels'))?.entries ?? []) this.add(e.key, 'logicalId', e.keyNode.valueSpan, 'Interface');
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
        const { vars } = subTemplate(v);
        const scope = vars?.span.start;
        for (const e of vars?.entries ?? []) this.decls.push({ name: e.key, namespace: 'subVariable', kind: 'subVariable', keySpan: e.keyNode.valueSpan, span: entrySpan(e.keyNode.span, e.value), scope });
        for (const p of subParts(v, this.text) ?? []) {
          if (p.kind === 'literal' || (vars && scope !== undefined && this.subVariable(p.span, vars, scope))) continue;
          if (p.kind === 'ref' && p.ref.via === 'Sub') this.add(p.ref.logicalId, 'logicalId', p.ref.span, 'Sub');
        }
        for (const e of vars?.entries ?? []) this.walk(e.value, inConditions, depth + 1);
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

  /** Records `${Name}` when Name is bound in the Sub's own variable map (the part's span covers `${…}`); false otherwise. */
  private subVariable(partSpan: Span, vars: CfnMap, scope: number): boolean {
    const written = this.text.slice(partSpan.start, partSpan.end);
    const name = /^\$\{([^}!][^}]*)\}$/.exec(written)?.[1];
    if (name === undefined || !vars.entries.some((e) => e.key === name)) return false;
    const start = partSpan.start + 2;
    this.out.push({ name, namespace: 'subVariable', span: { start, end: start + name.length }, via: 'Sub', scope });
    return true;
  }

  private add(name: string, namespace: SymbolNamespace, span: Span, via: OccurrenceVia): void {
    if (namespace === 'logicalId' && name.startsWith('AWS::')) return; // pseudo parameters are declared nowhere
    this.out.push({ name, namespace, span, via });
  }
}

const sameSymbol = (a: { name: string; namespace: SymbolNamespace; scope?: number }, b: Occurrence): boolean => a.name === b.name && a.namespace === b.namespace && a.scope === b.scope;

const scopeOf = (d: Declaration): { scope?: number } => (d.scope !== undefined ? { scope: d.scope } : {});

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
