// Keys: IntegrationResponseKey form, regex validity, duplicates/overlaps; RouteResponseKey; WebSocket and HTTP RouteKey rules. Pure.
import { getProp } from '../model/cfnValue';
import type { ApiNode, IntegrationNode, IntegrationResponseNode, Protocol, RouteNode } from '../model/apigw';
import type { QuickFix, RelatedInfo } from '../problem';
import type { Span } from '../span';
import type { ScalarNode } from '../sourceNode';
import { replaceScalarIn } from '../edits';
import { compileJavaRegex, matchesWhole } from '../javaRegex';
import type { TemplateModel } from '../model/template';
import type { Check, Emit, Rule } from './types';
import { perResource } from './resourceMemo';
import { integrationInfo, literal, scalarSpan, spanInScalar } from './util';

export const integrationResponseKeyFormat: Rule = {
  id: 'apigw/integration-response-key-format',
  severity: 'error',
  title: 'IntegrationResponseKey is neither `$default` nor a `/regex/`.',
};

export const integrationResponseKeyRegex: Rule = {
  id: 'apigw/integration-response-key-regex',
  severity: 'error',
  title: 'The regular expression of an IntegrationResponseKey does not compile (Java `Pattern` syntax).',
};

export const duplicateIntegrationResponseKey: Rule = {
  id: 'apigw/duplicate-integration-response-key',
  severity: 'error',
  title: 'Two IntegrationResponses of one integration have the same key.',
};

export const overlappingIntegrationResponseKeys: Rule = {
  id: 'apigw/overlapping-integration-response-keys',
  severity: 'warning',
  title: 'Two IntegrationResponseKeys of one integration match exactly the same status codes, so one of them is never used.',
};

export const unmatchableIntegrationResponseKey: Rule = {
  id: 'apigw/unmatchable-integration-response-key',
  severity: 'warning',
  title: 'An IntegrationResponseKey regex matches no HTTP status code (keys must match the whole status code).',
};

export const routeResponseKeyFormat: Rule = {
  id: 'apigw/route-response-key-format',
  severity: 'error',
  title: 'RouteResponseKey is not `$default`.',
};

export const routeKeyCase: Rule = {
  id: 'apigw/route-key-case',
  severity: 'error',
  title: 'A predefined route key (`$connect`, `$disconnect`, `$default`) is misspelt: route keys are case-sensitive and are not selection expressions.',
};

export const routeKeyReservedPrefix: Rule = {
  id: 'apigw/route-key-reserved-prefix',
  severity: 'warning',
  title: 'A custom WebSocket route key starts with `$`, the prefix reserved for predefined routes.',
};

export const httpRouteKey: Rule = {
  id: 'apigw/http-route-key',
  severity: 'error',
  title: 'An HTTP API RouteKey is not `$default` or `METHOD /path` with valid method, `{param}` segments and a last greedy `{proxy+}`.',
};

export const duplicateRouteKey: Rule = {
  id: 'apigw/duplicate-route-key',
  severity: 'warning',
  title: 'Two routes of one API have the same RouteKey.',
};

const PREDEFINED = ['$connect', '$disconnect', '$default'] as const;
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'] as const;
/** Status codes an HTTP or MOCK integration can return (the strings IntegrationResponseKeys are matched against). */
const STATUS_CODES: readonly string[] = Array.from({ length: 500 }, (_, i) => String(100 + i));

export const keysCheck: Check = {
  name: 'keys',
  rules: [
    integrationResponseKeyFormat,
    integrationResponseKeyRegex,
    duplicateIntegrationResponseKey,
    overlappingIntegrationResponseKeys,
    unmatchableIntegrationResponseKey,
    routeResponseKeyFormat,
    routeKeyCase,
    routeKeyReservedPrefix,
    httpRouteKey,
    duplicateRouteKey,
  ],
  run(model, emit) {
    // Reads the integration response's own key only.
    for (const ir of model.apigw.integrationResponses) perResource(ir.resource, 'integration-response-key', '', emit, (out) => checkIntegrationResponseKey(model, ir, out));
    for (const integ of model.apigw.integrations) checkKeySet(model, integ, emit);
    for (const rr of model.apigw.routeResponses) {
      const v = literal(getProp(rr.props, 'RouteResponseKey'));
      if (!v || v.text === '$default') continue;
      emit(routeResponseKeyFormat, scalarSpan(model.text, v.node), `RouteResponseKey "${v.text}" is not supported: API Gateway only supports \`$default\` as a route response key.`, {
        fixes: [{ title: 'Change to `$default`', edits: [replaceScalarIn(model.source.format, v.node, '$default')], preferred: true }],
      });
    }
    for (const route of model.apigw.routes) {
      // Reads the route's own key and the protocol of its Api.
      const protocol = protocolOf(route);
      perResource(route.resource, 'route-key', `${protocol}`, emit, (out) => checkRouteKey(model, route, protocol, out));
    }
    for (const api of model.apigw.apis) checkDuplicateRouteKeys(model, api, emit);
  },
};

function protocolOf(route: RouteNode): Protocol | undefined {
  return route.api?.protocol;
}

function checkIntegrationResponseKey(model: TemplateModel, ir: IntegrationResponseNode, emit: Emit): void {
  const v = literal(getProp(ir.props, 'IntegrationResponseKey'));
  if (!v) return;
  const key = v.text;
  if (key === '$default') return;
  if (key.length >= 2 && key.startsWith('/') && key.endsWith('/')) {
    const source = key.slice(1, -1);
    const compiled = compileJavaRegex(source);
    if (compiled.error) {
      // The offending character, or the closing slash when the pattern ends too early.
      const at = 1 + compiled.error.offset;
      const span = spanInScalar(model.text, v.node, at, at + 1);
      emit(integrationResponseKeyRegex, span, `The regular expression in IntegrationResponseKey "${key}" does not compile: ${compiled.error.message}. Fix the pattern at the marked character (API Gateway uses Java regular expressions).`);
    }
    return;
  }
  const suggestion = /^(\\?\$?default)$/i.test(key) ? '$default' : `/${key.replace(/^\/|\/$/g, '')}/`;
  const fixes: QuickFix[] = [{ title: `Change to \`${suggestion}\``, edits: [replaceScalarIn(model.source.format, v.node, suggestion)], preferred: true }];
  emit(
    integrationResponseKeyFormat,
    scalarSpan(model.text, v.node),
    `IntegrationResponseKey "${key}" is not valid: it must be \`$default\` or a regular expression wrapped in slashes, such as \`/200/\` or \`/2\\d{2}/\`. Did you mean \`${suggestion}\`?`,
    { fixes },
  );
}

/** Duplicate keys, keys that match no status code, and keys that match exactly the same status codes, per integration. */
function checkKeySet(model: TemplateModel, integ: IntegrationNode, emit: Emit): void {
  const info = integrationInfo(model, integ.props);
  const seen = new Map<string, IntegrationResponseNode>();
  const sets: { ir: IntegrationResponseNode; key: string; codes: string; span: Span }[] = [];
  for (const ir of integ.responses) {
    const v = literal(getProp(ir.props, 'IntegrationResponseKey'));
    if (!v) continue;
    const key = v.text;
    const first = seen.get(key);
    if (first && !exclusive(first, ir)) {
      emit(duplicateIntegrationResponseKey, scalarSpan(model.text, v.node), `IntegrationResponseKey "${key}" is already used by ${first.logicalId} on integration ${integ.logicalId}: each key may appear once per integration. Change or remove one of them.`, {
        related: [{ span: getProp(first.props, 'IntegrationResponseKey')?.span ?? first.resource.keySpan, message: `First use of "${key}"` }],
      });
      continue;
    }
    seen.set(key, ir);
    if (info.selection !== 'status-code' || key === '$default' || !(key.length >= 2 && key.startsWith('/') && key.endsWith('/'))) continue;
    const source = key.slice(1, -1);
    const compiled = compileJavaRegex(source);
    if (!compiled.regex || compiled.approximated) continue;
    const results = STATUS_CODES.map((c) => matchesWhole(source, c));
    if (results.includes(undefined)) continue; // too complex to evaluate: say nothing rather than guess
    const matched = STATUS_CODES.filter((_, i) => results[i] === true);
    if (matched.length === 0) {
      const fixes: QuickFix[] = [];
      const xx = /^([1-5])[xX]{2}$/.exec(source);
      if (xx) fixes.push({ title: `Change to \`/${xx[1]}\\d{2}/\``, edits: [replaceScalarIn(model.source.format, v.node, `/${xx[1]}\\d{2}/`)], preferred: true });
      emit(
        unmatchableIntegrationResponseKey,
        scalarSpan(model.text, v.node),
        `IntegrationResponseKey "${key}" matches no HTTP status code: for ${info.type} integrations the key is matched against the whole status code (such as "200"), so write for example \`/2\\d{2}/\` or \`/404/\`.`,
        { inferred: true, fixes },
      );
      continue;
    }
    sets.push({ ir, key, codes: matched.join(','), span: scalarSpan(model.text, v.node) });
  }
  for (let i = 0; i < sets.length; i++) {
    const a = sets[i];
    if (!a) continue;
    for (let j = 0; j < i; j++) {
      const b = sets[j];
      if (!b || b.codes !== a.codes || exclusive(a.ir, b.ir)) continue;
      const related: RelatedInfo[] = [{ span: b.span, message: `"${b.key}" matches the same status codes` }];
      emit(
        overlappingIntegrationResponseKeys,
        a.span,
        `IntegrationResponseKey "${a.key}" matches exactly the same status codes as "${b.key}" (${b.ir.logicalId}); which one API Gateway picks is undocumented, so one of them is never used. Merge them or make one more specific.`,
        { inferred: true, related },
      );
      break;
    }
  }
}

/** Both resources are conditional on different conditions: they may never exist together. */
function exclusive(a: { resource: { condition: string | undefined } }, b: { resource: { condition: string | undefined } }): boolean {
  return a.resource.condition !== undefined && b.resource.condition !== undefined && a.resource.condition !== b.resource.condition;
}

function checkRouteKey(model: TemplateModel, route: RouteNode, protocol: Protocol | undefined, emit: Emit): void {
  const v = literal(getProp(route.props, 'RouteKey'));
  if (!v) return;
  const key = v.text;
  const fmt = model.source.format;
  const bare = key.replace(/^\\(?=\$)/, '');
  const predefined = PREDEFINED.find((p) => p === bare.toLowerCase());
  if (predefined && key !== predefined) {
    const why = key.startsWith('\\') ? 'RouteKey is a plain key, not a selection expression, so it must not be escaped' : 'route keys are case-sensitive';
    emit(routeKeyCase, scalarSpan(model.text, v.node), `RouteKey "${key}" is not the predefined route \`${predefined}\`: ${why}. As written it is a custom route that ${predefined === '$default' ? 'only a message selecting exactly this text reaches' : 'is never invoked on connection events'}. Write \`${predefined}\`.`, {
      fixes: [{ title: `Change to \`${predefined}\``, edits: [replaceScalarIn(fmt, v.node, predefined)], preferred: true }],
    });
    return;
  }
  if (protocol === 'WEBSOCKET') {
    if (key.startsWith('$') && !predefined) {
      emit(routeKeyReservedPrefix, scalarSpan(model.text, v.node), `Custom route key "${key}" starts with \`$\`, which API Gateway reserves for the predefined routes \`$connect\`, \`$disconnect\` and \`$default\`. Choose a key without the \`$\` prefix.`);
    }
    return;
  }
  if (protocol === 'HTTP') checkHttpRouteKey(model, v.node, key, emit);
}

function checkHttpRouteKey(model: TemplateModel, node: ScalarNode, key: string, emit: Emit): void {
  if (key === '$default') return;
  const at = (s: number, e: number) => spanInScalar(model.text, node, s, e);
  const fmt = model.source.format;
  if (key === '$connect' || key === '$disconnect') {
    emit(httpRouteKey, scalarSpan(model.text, node), `\`${key}\` is a WebSocket route key; HTTP APIs only have \`$default\` and \`METHOD /path\` routes. Use one of those, or move the route to a WebSocket API.`, { inferred: true, severity: 'warning' });
    return;
  }
  const sp = key.indexOf(' ');
  if (sp <= 0) {
    const looksLikePath = key.startsWith('/');
    emit(httpRouteKey, scalarSpan(model.text, node), `HTTP RouteKey "${key}" must be \`$default\` or \`METHOD /path\`, such as \`GET /pets/{id}\`${looksLikePath ? ` — add a method, for example \`ANY ${key}\`` : ''}.`);
    return;
  }
  const method = key.slice(0, sp);
  const path = key.slice(sp + 1);
  if (!(HTTP_METHODS as readonly string[]).includes(method)) {
    const upper = method.toUpperCase();
    if ((HTTP_METHODS as readonly string[]).includes(upper)) {
      emit(httpRouteKey, at(0, sp), `HTTP method "${method}" should be written in upper case: \`${upper}\`.`, {
        severity: 'warning',
        inferred: true,
        fixes: [{ title: `Change to \`${upper} ${path}\``, edits: [replaceScalarIn(fmt, node, `${upper} ${path}`)], preferred: true }],
      });
    } else {
      emit(httpRouteKey, at(0, sp), `"${method}" is not an HTTP method API Gateway routes on: use one of ${HTTP_METHODS.join(', ')}.`);
    }
  }
  const ws = /\s/.exec(path);
  if (ws) {
    emit(httpRouteKey, at(sp + 1 + ws.index, sp + 2 + ws.index), `HTTP RouteKey "${key}" has whitespace in its path: the key is exactly one method, one space and the path.`);
    return;
  }
  if (!path.startsWith('/')) {
    emit(httpRouteKey, at(sp + 1, key.length), `The path of HTTP RouteKey "${key}" must start with \`/\`.`, {
      fixes: [{ title: `Change to \`${method} /${path}\``, edits: [replaceScalarIn(fmt, node, `${method} /${path}`)], preferred: true }],
    });
    return;
  }
  // Segments, with their value offsets.
  const segments: { text: string; start: number }[] = [];
  let start = sp + 2;
  for (const seg of path.slice(1).split('/')) {
    segments.push({ text: seg, start });
    start += seg.length + 1;
  }
  segments.forEach((seg, i) => {
    const last = i === segments.length - 1;
    if (seg.text.includes('{') || seg.text.includes('}')) {
      const m = /^\{([^{}/]*?)(\+?)\}$/.exec(seg.text);
      if (!m) {
        emit(httpRouteKey, at(seg.start, seg.start + seg.text.length), `Path segment "${seg.text}" is invalid: a path variable must be a whole segment such as \`{id}\` (API Gateway rejects "One or more path parts appear to be invalid").`);
      } else if (!m[1] || !/^[A-Za-z0-9_.-]+$/.test(m[1])) {
        emit(httpRouteKey, at(seg.start, seg.start + seg.text.length), `Path variable "${seg.text}" needs a name made of letters, digits, \`_\`, \`-\` or \`.\`, such as \`{id}\`.`);
      } else if (m[2] && !last) {
        emit(httpRouteKey, at(seg.start, seg.start + seg.text.length), `Greedy path variable "${seg.text}" must be the last segment of the path: move it to the end, or use a plain \`{name}\` variable here.`);
      }
    } else if (seg.text === '' && last && segments.length > 1) {
      const trimmed = `${method} ${path.replace(/\/+$/, '')}`;
      emit(httpRouteKey, at(seg.start - 1, seg.start), `The path of "${key}" ends with \`/\`; API Gateway matches paths exactly, so a trailing slash is almost always unintended: remove it.`, {
        severity: 'warning',
        inferred: true,
        fixes: [{ title: `Change to \`${trimmed}\``, edits: [replaceScalarIn(fmt, node, trimmed)], preferred: true }],
      });
    } else if (seg.text === '' && !last) {
      emit(httpRouteKey, at(seg.start - 1, seg.start + 1), `The path of "${key}" has an empty segment (\`//\`): remove the extra \`/\`.`, { severity: 'warning', inferred: true });
    }
  });
}

function checkDuplicateRouteKeys(model: TemplateModel, api: ApiNode, emit: Emit): void {
  const seen = new Map<string, RouteNode>();
  for (const route of api.routes) {
    const v = literal(getProp(route.props, 'RouteKey'));
    if (!v) continue;
    const first = seen.get(v.text);
    if (first && !exclusive(first, route)) {
      emit(duplicateRouteKey, scalarSpan(model.text, v.node), `RouteKey "${v.text}" is already used by ${first.logicalId} in API ${api.logicalId}; API Gateway keeps one route per key, so creating the second fails. Remove one route or change its key.`, {
        inferred: true,
        related: [{ span: getProp(first.props, 'RouteKey')?.span ?? first.resource.keySpan, message: `First route with key "${v.text}"` }],
      });
      continue;
    }
    seen.set(v.text, route);
  }
}
