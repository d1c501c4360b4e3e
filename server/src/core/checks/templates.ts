// Mapping templates (RequestTemplates / ResponseTemplates): VTL syntax and block balance at the exact source character,
// $util/$input/$context misuse, MOCK templates without statusCode, size, and YAML pitfalls that turn a template into
// something else (an unquoted `{…}` mapping, a `#…` comment). Pure.
import type { CfnEntry, CfnValue } from '../model/cfnValue';
import { getProp } from '../model/cfnValue';
import type { Protocol } from '../model/apigw';
import type { TemplateModel } from '../model/template';
import type { QuickFix } from '../problem';
import type { ScalarNode } from '../sourceNode';
import type { Span } from '../span';
import { analyzeVtl } from '../vtl';
import type { Check, Emit, Rule } from './types';
import { perResource } from './resourceMemo';
import { scalarSpan, spanInScalar, wholeValueSpan } from './util';
import { contextProblem } from './vtlContext';

export const vtlSyntax: Rule = { id: 'apigw/vtl-syntax', severity: 'error', title: 'A mapping template is not valid VTL.' };
export const vtlUnbalancedBlock: Rule = { id: 'apigw/vtl-unbalanced-block', severity: 'error', title: 'A mapping template has an `#if`/`#foreach` without `#end`, or an `#end`/`#else` without its opener.' };
export const vtlUnknownUtil: Rule = { id: 'apigw/vtl-unknown-util', severity: 'warning', title: 'A `$util` function API Gateway does not have (such as AppSync\'s `$util.toJson`), or one called wrongly.' };
export const vtlUnknownInputMember: Rule = { id: 'apigw/vtl-unknown-input-member', severity: 'warning', title: 'An `$input` member other than body, json(), path() and params().' };
export const vtlInvalidJsonPath: Rule = { id: 'apigw/vtl-invalid-jsonpath', severity: 'error', title: 'A literal JSONPath given to `$input.path` / `$input.json` does not parse.' };
export const vtlInvalidRegex: Rule = { id: 'apigw/vtl-invalid-regex', severity: 'error', title: 'A literal Java regex given to matches / replaceAll / replaceFirst / split does not compile.' };
export const vtlBareWord: Rule = { id: 'apigw/vtl-bare-word', severity: 'warning', title: 'An unquoted word used as a value in a VTL expression.' };
export const vtlContextVariable: Rule = { id: 'apigw/vtl-context-variable', severity: 'warning', title: 'A `$context` variable that does not exist for this API\'s protocol (such as REST-only `$context.httpMethod` on WebSocket).' };
export const mockMissingStatusCode: Rule = { id: 'apigw/mock-missing-status-code', severity: 'warning', title: 'A MOCK integration request template that produces no `statusCode`.' };
export const templateTooLarge: Rule = { id: 'apigw/template-too-large', severity: 'warning', title: 'A mapping template longer than 32 768 characters.' };
export const templateNotString: Rule = { id: 'apigw/template-not-string', severity: 'error', title: 'A mapping template is a mapping or list instead of a string (YAML reads an unquoted `{…}` as a mapping).' };
export const templateYamlComment: Rule = { id: 'apigw/template-yaml-comment', severity: 'error', title: 'YAML read a mapping template (or its end) as a comment, because an unquoted value starting with `#` is a comment.' };

const TEMPLATE_MAX = 32_768;

/** analyzeVtl problem codes → rules. Simulator-only remarks (regex/JSONPath the simulator cannot reproduce) are not diagnostics. */
const BY_CODE: Record<string, Rule | null> = {
  'vtl-syntax': vtlSyntax,
  'vtl-unsupported-directive-form': vtlSyntax,
  'vtl-unterminated-comment': vtlSyntax,
  'vtl-unclosed-block': vtlUnbalancedBlock,
  'vtl-unmatched-end': vtlUnbalancedBlock,
  'vtl-misplaced-else': vtlUnbalancedBlock,
  'vtl-unknown-util-function': vtlUnknownUtil,
  'vtl-unknown-input-member': vtlUnknownInputMember,
  'vtl-invalid-jsonpath': vtlInvalidJsonPath,
  'vtl-invalid-java-regex': vtlInvalidRegex,
  'vtl-bare-word': vtlBareWord,
  'vtl-jsonpath-unsupported': null,
  'vtl-regex-not-simulated': null,
  'vtl-too-complex': templateTooLarge,
};

export const templatesCheck: Check = {
  name: 'templates',
  rules: [vtlSyntax, vtlUnbalancedBlock, vtlUnknownUtil, vtlUnknownInputMember, vtlInvalidJsonPath, vtlInvalidRegex, vtlBareWord, vtlContextVariable, mockMissingStatusCode, templateTooLarge, templateNotString, templateYamlComment],
  run(model, emit) {
    // Each reads its own resource's templates and the protocol of the Api.
    for (const integ of model.apigw.integrations) {
      const type = getProp(integ.props, 'IntegrationType');
      const mock = type?.kind === 'scalar' && type.value === 'MOCK';
      const protocol = integ.api?.protocol;
      perResource(integ.resource, 'request-templates', `${protocol}`, emit, (out) => checkTemplates(model, getProp(integ.props, 'RequestTemplates'), protocol, mock ? 'mock-request' : 'request', out));
    }
    for (const ir of model.apigw.integrationResponses) {
      const protocol = ir.api?.protocol ?? ir.integration?.api?.protocol;
      perResource(ir.resource, 'response-templates', `${protocol}`, emit, (out) => checkTemplates(model, getProp(ir.props, 'ResponseTemplates'), protocol, 'response', out));
    }
  },
};

type TemplateRole = 'request' | 'mock-request' | 'response';

function checkTemplates(model: TemplateModel, templates: CfnValue | undefined, protocol: Protocol | undefined, role: TemplateRole, emit: Emit): void {
  if (templates?.kind !== 'map') return;
  for (const e of templates.entries) checkTemplate(model, e, protocol, role, emit);
}

function checkTemplate(model: TemplateModel, e: CfnEntry, protocol: Protocol | undefined, role: TemplateRole, emit: Emit): void {
  const v = e.value;
  const yaml = model.source.format === 'yaml';
  if (!v || (v.kind === 'scalar' && v.value === null)) {
    if (yaml) yamlCommentTemplate(model, e, emit);
    return;
  }
  if (v.kind === 'map' || v.kind === 'list') {
    notString(model, v, emit);
    return;
  }
  if (v.kind !== 'scalar') return; // an intrinsic: unknown text
  const text = String(v.value);
  const node = v.node;
  if (yaml && node.style === 'plain') trailingComment(model, node, emit);
  if (text.length > TEMPLATE_MAX) {
    emit(templateTooLarge, templateSpan(model, node), `This mapping template has ${text.length} characters; API Gateway's API model allows at most ${TEMPLATE_MAX} per template (the WebSocket quota page says 300 KB). Move logic to the backend or split the work.`, { inferred: true });
  }
  if (role === 'mock-request' && !/statusCode/.test(text)) {
    emit(mockMissingStatusCode, templateSpan(model, node), `This MOCK request template produces no \`statusCode\`: a MOCK integration answers with the status code the template renders (for example \`{"statusCode": 200}\`), which selects the integration response. Without it API Gateway cannot parse a status code: add one, such as \`"statusCode": 200\`.`, {
      inferred: true,
    });
  }
  if (protocol === 'HTTP') return; // templates on HTTP APIs are reported by the protocol checks
  const analysis = analyzeVtl(text);
  const at = (s: Span) => spanInScalar(model.text, node, s.start, s.end);
  for (const p of analysis.problems) {
    const rule = p.code in BY_CODE ? BY_CODE[p.code] : p.severity === 'error' ? vtlSyntax : vtlBareWord;
    if (!rule) continue;
    const severity = p.severity === rule.severity ? undefined : p.severity;
    emit(rule, at(p.span), withAdvice(rule, p.message), severity ? { severity } : undefined);
  }
  for (const ref of analysis.references) {
    if (ref.root !== 'context' || ref.role !== undefined) continue;
    const problem = contextProblem(ref.path, protocol);
    if (problem) emit(vtlContextVariable, at(ref.span), problem.message, problem.inferred ? { inferred: true, ...(problem.severity ? { severity: problem.severity } : {}) } : problem.severity ? { severity: problem.severity } : undefined);
  }
}

/** A finding about a whole template: its text (inside quotes; for a block scalar, from its first to its last character). */
function templateSpan(model: TemplateModel, node: ScalarNode): Span {
  return node.style === 'literal' || node.style === 'folded' ? scalarSpan(model.text, node) : wholeValueSpan(node);
}

/** How to fix, for analyser messages that only say what is wrong. */
const ADVICE: ReadonlyMap<Rule, string> = new Map([
  [vtlSyntax, 'Fix the template at this position (Velocity syntax).'],
  [vtlUnbalancedBlock, 'Add the missing #end, or remove the stray directive.'],
  [vtlInvalidJsonPath, 'Fix the path, for example `$.items[0]` or `$.name`.'],
  [vtlInvalidRegex, 'Fix the pattern (Java regular expression syntax; escape literal brackets and parentheses).'],
]);

function withAdvice(rule: Rule, message: string): string {
  const sentence = /[.?!]$/.test(message) ? message : `${message}.`;
  const advice = ADVICE.get(rule);
  return advice && !/\b(quote|use|add|remove|write)\b/i.test(message) ? `${sentence} ${advice}` : sentence;
}

/** `$default: {"statusCode": 200}` unquoted in YAML is a flow mapping; in JSON an object. The template is its source text. */
function notString(model: TemplateModel, v: CfnValue, emit: Emit): void {
  const src = model.text.slice(v.span.start, v.span.end);
  const fixes: QuickFix[] = [];
  const isFlowMap = v.kind === 'map' && v.node.flow;
  if (isFlowMap && !src.includes('\n')) {
    const quoted = model.source.format === 'json' ? JSON.stringify(src) : `'${src.replace(/'/g, "''")}'`;
    fixes.push({ title: 'Quote the template', edits: [{ span: v.span, newText: quoted }], preferred: true });
  }
  const message =
    model.source.format === 'yaml' && isFlowMap
      ? 'This mapping template is a YAML mapping, not a string: an unquoted value that starts with `{` is read as a flow mapping. Quote it, or write it as a `|` block scalar.'
      : 'A mapping template must be a string. Write the template text as a string (in YAML, a quoted or `|` block scalar).';
  emit(templateNotString, v.span, message, { fixes });
}

/** `$default: #set($x = 1)…` — the whole template became a comment and the value is null. */
function yamlCommentTemplate(model: TemplateModel, e: CfnEntry, emit: Emit): void {
  const text = model.text;
  const after = e.keyNode.span.end;
  const nl = text.indexOf('\n', after);
  const lineEnd = nl < 0 ? text.length : text[nl - 1] === '\r' ? nl - 1 : nl;
  const m = /^(\s*:[ \t]+)(#.*?)\s*$/.exec(text.slice(after, lineEnd));
  if (!m || m[1] === undefined || m[2] === undefined) return;
  const start = after + m[1].length;
  const comment = m[2];
  const span = { start, end: start + comment.length };
  const fixes: QuickFix[] = [];
  const nextLine = nl < 0 ? '' : text.slice(nl + 1, text.indexOf('\n', nl + 1) < 0 ? text.length : text.indexOf('\n', nl + 1));
  const keyIndent = e.keyNode.span.start - (text.lastIndexOf('\n', e.keyNode.span.start - 1) + 1);
  const continues = /^([ \t]*)\S/.exec(nextLine)?.[1]?.length ?? 0;
  if (!(nextLine.trim() !== '' && continues > keyIndent && !nextLine.trim().startsWith('#'))) {
    fixes.push({ title: 'Quote the template', edits: [{ span, newText: `'${comment.replace(/'/g, "''")}'` }], preferred: true });
  }
  emit(templateYamlComment, span, `YAML reads "${comment.length > 40 ? `${comment.slice(0, 40)}…` : comment}" as a comment, so this template is empty (null): an unquoted value that starts with \`#\` is a comment. Quote the template, or write it as a \`|\` block scalar.`, { fixes });
}

/** `$default: $input.json('$') #set(...)` — everything after ` #` on the line is a comment, not template text. */
function trailingComment(model: TemplateModel, node: ScalarNode, emit: Emit): void {
  const text = model.text;
  const nl = text.indexOf('\n', node.span.end);
  const lineEnd = nl < 0 ? text.length : text[nl - 1] === '\r' ? nl - 1 : nl;
  const rest = text.slice(node.span.end, lineEnd);
  const m = /^([ \t]+)(#.*?)[ \t]*$/.exec(rest);
  if (!m || m[1] === undefined || m[2] === undefined) return;
  if (!/^(#(set|if|elseif|else|end|foreach|break|stop|macro|define|parse|include|evaluate)\b|##|#\*|#\{)/.test(m[2])) return;
  if (text.slice(node.span.start, node.span.end).includes('\n')) return;
  const start = node.span.end + m[1].length;
  const span = { start, end: start + m[2].length };
  const whole = text.slice(node.span.start, start + m[2].length);
  emit(templateYamlComment, span, `YAML reads "${m[2].length > 40 ? `${m[2].slice(0, 40)}…` : m[2]}" as a comment (a \`#\` after a space starts one), so it is not part of the template. Quote the whole template, or write it as a \`|\` block scalar.`, {
    severity: 'warning',
    fixes: [{ title: 'Quote the whole template', edits: [{ span: { start: node.span.start, end: span.end }, newText: `'${whole.replace(/'/g, "''")}'` }], preferred: true }],
  });
}
