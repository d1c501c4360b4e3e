// Interprets a cursor context against the template model: which resource, which property path below Properties, which
// intrinsic wraps the value, the Api and its protocol. Falls back to the last good model for resources the current text lost. Pure.
import type { TemplateModel, Resource } from '../model/template';
import type { ApiNode, GraphNode, Protocol } from '../model/apigw';
import type { CursorContext } from './context';
import type { SourceNode } from '../sourceNode';
import { CFN_TAG_TO_FUNCTION } from '../parse/cfnTags';

export interface Site {
  readonly ctx: CursorContext;
  /** The model facts are drawn from (the current one, or the last good one when the current text lost the resource). */
  readonly model: TemplateModel;
  readonly logicalId?: string;
  readonly resource?: Resource;
  readonly type?: string;
  readonly node?: GraphNode;
  readonly api?: ApiNode;
  readonly protocol?: Protocol;
  /** Keys below the resource (`['Properties', 'ApiId']`), intrinsic steps included. */
  readonly rel: readonly (string | number)[];
  /** Keys below Properties up to the first intrinsic step; undefined when the cursor is not under Properties. */
  readonly propPath?: readonly string[];
  /** Intrinsic function around the value: from a short tag or a long-form key (`Ref`, `Fn::GetAtt`, `Fn::Sub`, …). */
  readonly fn?: string;
  /** Index of the intrinsic's list argument holding the cursor (`Fn::GetAtt: [Id, ‸]` → 1). */
  readonly fnArg?: number;
  /** The first item of that list argument, when it is a string (the logical id of a list-form GetAtt). */
  readonly fnFirst?: string;
}

const isIntrinsicKey = (k: string | number): k is string => typeof k === 'string' && (k === 'Ref' || k.startsWith('Fn::'));

export function siteOf(ctx: CursorContext, model: TemplateModel, fallback: TemplateModel | undefined): Site {
  const [top, id, ...rel] = ctx.path;
  if (top !== 'Resources' || typeof id !== 'string') return { ctx, model, rel: [] };
  const use = chooseModel(model, fallback, id);
  const resource = use.resourceById.get(id);
  const node = use.apigw.byLogicalId.get(id);
  const api = node ? apiOfNode(node) : undefined;
  let propPath: string[] | undefined;
  let fn = ctx.tag ? CFN_TAG_TO_FUNCTION.get(ctx.tag) ?? ctx.tag : undefined;
  let fnArg: number | undefined;
  if (rel[0] === 'Properties') {
    const steps = rel.slice(1);
    const firstFn = steps.findIndex((k) => typeof k !== 'string' || isIntrinsicKey(k));
    propPath = (firstFn < 0 ? steps : steps.slice(0, firstFn)) as string[];
    // The innermost intrinsic wins: a tag on the value, else the last long-form key (`Fn::Join: [.., [.., {Ref: ‸}]]` → Ref).
    const lastFn = steps.findLastIndex((k) => isIntrinsicKey(k));
    if (!ctx.tag && lastFn >= 0) {
      fn = steps[lastFn] as string;
      const next = steps[lastFn + 1];
      if (typeof next === 'number' && lastFn + 2 === steps.length) fnArg = next;
    }
  }
  const fnFirst = fnArg !== undefined ? firstItem(model.source.root, ctx.path.slice(0, -1)) : undefined;
  return {
    ctx,
    model: use,
    logicalId: id,
    ...(resource ? { resource } : {}),
    ...(resource?.type ? { type: resource.type } : {}),
    ...(node ? { node } : {}),
    ...(api ? { api } : {}),
    ...(api?.protocol ? { protocol: api.protocol } : {}),
    rel,
    ...(propPath ? { propPath } : {}),
    ...(fn ? { fn } : {}),
    ...(fnArg !== undefined ? { fnArg } : {}),
    ...(fnFirst !== undefined ? { fnFirst } : {}),
  };
}

/** The string value of the first item of the list at `path` in the current text's tree. */
function firstItem(root: SourceNode | undefined, path: readonly (string | number)[]): string | undefined {
  let node = root;
  for (const k of path) {
    // A short-form tag on a list (`!GetAtt [Id, ‸]`) stands where a path has the intrinsic's long name.
    if (node?.kind === 'seq' && node.tag && isIntrinsicKey(k)) continue;
    if (node?.kind === 'map') node = node.entries.find((e) => String(e.key.value) === String(k))?.value;
    else if (node?.kind === 'seq' && typeof k === 'number') node = node.items[k];
    else return undefined;
  }
  const first = node?.kind === 'seq' ? node.items[0] : undefined;
  return first?.kind === 'scalar' && typeof first.value === 'string' ? first.value : undefined;
}

/**
 * The model to draw facts from: while the text has syntax errors the last good model (its resources and links are
 * complete), unless the resource exists only in the current text (just added).
 */
function chooseModel(model: TemplateModel, fallback: TemplateModel | undefined, id: string): TemplateModel {
  if (!fallback || !fallback.resourceById.has(id)) return model;
  const broken = model.source.problems.some((p) => p.severity === 'error');
  return broken || !model.resourceById.has(id) ? fallback : model;
}

function apiOfNode(node: GraphNode): ApiNode | undefined {
  if (node.kind === 'Api') return node;
  if (node.api) return node.api;
  if (node.kind === 'IntegrationResponse') return node.integration?.api;
  if (node.kind === 'RouteResponse') return node.route?.api;
  return undefined;
}
