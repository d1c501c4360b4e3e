// Facts about selection expressions as data: the variable sources, and per expression kind where it lives, what it selects and which sources it may read. Pure; imports nothing.

/** Where a selection expression is written. Each kind is one CloudFormation property (see `property`). */
export type ExpressionKind =
  | 'RouteSelectionExpression'
  | 'RouteResponseSelectionExpression'
  | 'ApiKeySelectionExpression'
  | 'IntegrationTemplateSelectionExpression'
  | 'IntegrationResponseTemplateSelectionExpression'
  | 'ModelSelectionExpression'
  | 'RouteResponseModelSelectionExpression'
  | 'AuthorizerIdentitySource';

export type ApiProtocol = 'WEBSOCKET' | 'HTTP';

/** A known variable source: the part of a variable after `$` / `${` that says where the value comes from. */
export type KnownSource =
  | 'request.body'
  | 'request.header'
  | 'request.querystring'
  | 'request.method'
  | 'request.path'
  | 'request.basepath'
  | 'integration.response.statuscode'
  | 'integration.response.header'
  | 'integration.response.multivalueheader'
  | 'integration.response.body'
  | 'response.statuscode'
  | 'response.header'
  | 'response.body'
  | 'context'
  | 'stageVariables'
  | 'default';

/** `unknown` when the variable starts with no known source (the parser reports it). */
export type VariableSource = KnownSource | 'unknown';

/**
 * What may follow a source:
 * - `jsonpath`: nothing (the whole document) or a JSONPath continuation starting with `.` or `[` (`request.body.a[0]`);
 * - `name`: `.NAME`, required (`request.header.x-api-key`);
 * - `optional-name`: nothing or `.NAME` (`request.path` or `request.path.id`);
 * - `dotted-name`: `.a.b.c`, required (`context.authorizer.principalId`);
 * - `none`: nothing (`request.method`, `default`).
 */
export type PathKind = 'jsonpath' | 'name' | 'optional-name' | 'dotted-name' | 'none';

export interface SourceFacts {
  readonly source: KnownSource;
  readonly pathKind: PathKind;
  /** What the path names, for messages ("header name"). Empty for `jsonpath` and `none`. */
  readonly pathNoun: string;
  /** Short markdown for hover. */
  readonly doc: string;
  /** A typical spelling, for completion and messages. */
  readonly example: string;
}

/** Every known source. Order matters only for display; the parser matches the longest source first. */
export const SOURCE_FACTS: readonly SourceFacts[] = [
  {
    source: 'request.body',
    pathKind: 'jsonpath',
    pathNoun: '',
    doc: 'The client message parsed as JSON. What follows `request.body` is a JSONPath into it (`$request.body.action` reads the top-level `action` field). A path that is not found gives the empty string; numbers and booleans are turned into text. A message that is not JSON cannot be evaluated.',
    example: '$request.body.action',
  },
  {
    source: 'request.header',
    pathKind: 'name',
    pathNoun: 'header name',
    doc: 'A request header by name, e.g. `$request.header.x-api-key`. On WebSocket APIs request headers exist only while connecting (`$connect`).',
    example: '$request.header.x-api-key',
  },
  {
    source: 'request.querystring',
    pathKind: 'name',
    pathNoun: 'query-string parameter name',
    doc: 'A query-string parameter by name. On WebSocket APIs the query string exists only while connecting (`$connect`).',
    example: '$request.querystring.token',
  },
  {
    source: 'request.method',
    pathKind: 'none',
    pathNoun: '',
    doc: 'The HTTP method of the request (`GET`, `POST`, …). HTTP APIs only; part of the fixed HTTP RouteSelectionExpression `${request.method} ${request.path}`.',
    example: '${request.method}',
  },
  {
    source: 'request.path',
    pathKind: 'optional-name',
    pathNoun: 'path parameter name',
    doc: 'The request path (HTTP APIs), or with a name (`$request.path.id`) the value of that path parameter. Part of the fixed HTTP RouteSelectionExpression `${request.method} ${request.path}`.',
    example: '${request.path}',
  },
  {
    source: 'request.basepath',
    pathKind: 'none',
    pathNoun: '',
    doc: 'The base path of a custom-domain request; used only by the API-mapping selection of custom domain names.',
    example: '$request.basepath',
  },
  {
    source: 'integration.response.statuscode',
    pathKind: 'none',
    pathNoun: '',
    doc: 'The status code returned by the integration, as text (`"200"`). Available after the integration call: in an IntegrationResponse TemplateSelectionExpression.',
    example: '${integration.response.statuscode}',
  },
  {
    source: 'integration.response.header',
    pathKind: 'name',
    pathNoun: 'header name',
    doc: 'A header returned by the integration, by name. Available in an IntegrationResponse TemplateSelectionExpression.',
    example: '${integration.response.header.Content-Type}',
  },
  {
    source: 'integration.response.multivalueheader',
    pathKind: 'name',
    pathNoun: 'header name',
    doc: 'All values of a header returned by the integration (a list, turned into text like `[a, b]`). Available in an IntegrationResponse TemplateSelectionExpression.',
    example: '${integration.response.multivalueheader.Set-Cookie}',
  },
  {
    source: 'integration.response.body',
    pathKind: 'jsonpath',
    pathNoun: '',
    doc: 'The integration response body parsed as JSON, followed by a JSONPath. API Gateway uses `$integration.response.body.errorMessage` itself to select integration responses of Lambda custom integrations; it is not one of the documented sources of a template selection expression.',
    example: '$integration.response.body.errorMessage',
  },
  {
    source: 'response.statuscode',
    pathKind: 'none',
    pathNoun: '',
    doc: 'The integration status code in HTTP API response parameter mapping (and an older spelling of `integration.response.statuscode`).',
    example: '$response.statuscode',
  },
  {
    source: 'response.header',
    pathKind: 'name',
    pathNoun: 'header name',
    doc: 'A header of the integration response, in HTTP API response parameter mapping.',
    example: '$response.header.x-trace',
  },
  {
    source: 'response.body',
    pathKind: 'jsonpath',
    pathNoun: '',
    doc: 'The integration response body followed by a JSONPath, in HTTP API response parameter mapping.',
    example: '$response.body.id',
  },
  {
    source: 'context',
    pathKind: 'dotted-name',
    pathNoun: 'context variable name',
    doc: 'A `$context` variable such as `$context.connectionId` or `$context.authorizer.usageIdentifierKey`.',
    example: '$context.authorizer.usageIdentifierKey',
  },
  {
    source: 'stageVariables',
    pathKind: 'name',
    pathNoun: 'stage variable name',
    doc: 'A stage variable of the stage that serves the request. Names contain only letters, digits and `_`.',
    example: '${stageVariables.version}',
  },
  {
    source: 'default',
    pathKind: 'none',
    pathNoun: '',
    doc: '`$default`: the catch-all key. RouteResponseSelectionExpression takes it as written; where a template or model key is selected write it escaped, `\\$default`, so that it is literal text.',
    example: '$default',
  },
];

/** Facts of one known source. */
export function sourceFacts(source: KnownSource): SourceFacts {
  // SOURCE_FACTS lists every KnownSource; the fallback only satisfies the type checker.
  return SOURCE_FACTS.find((s) => s.source === source) ?? (SOURCE_FACTS[0] as SourceFacts);
}

export interface SelectionKindFacts {
  readonly kind: ExpressionKind;
  /** `both` unless this entry is the protocol-specific variant of the kind. */
  readonly protocol: ApiProtocol | 'both';
  /** The APIs where the property exists at all. */
  readonly appliesTo: ApiProtocol | 'both';
  readonly resourceType: string;
  readonly property: string;
  /** What the evaluated value is compared with. */
  readonly selects: string;
  /** Sources a variable may use. Empty for fixed and unsupported kinds. */
  readonly allowedSources: readonly KnownSource[];
  /** The only values accepted, written exactly (RouteResponseSelectionExpression, ApiKeySelectionExpression, HTTP route selection). */
  readonly fixedValues?: readonly string[];
  /** Property accepted by CloudFormation but documented as currently unsupported by API Gateway. */
  readonly unsupported?: boolean;
  /**
   * `error` when AWS documents the allowed sources for this kind; `warning` when the documentation is vague and a
   * source outside the list is only probably wrong (such findings are marked inferred).
   */
  readonly otherSourceSeverity: 'error' | 'warning';
  /** Unescaped `$default` here: `info` (documented spelling is `\$default`, §12.4) or `not-allowed`. */
  readonly unescapedDefault: 'info' | 'not-allowed';
  /** Markdown for hover. */
  readonly doc: string;
  /** Typical values, for completion. */
  readonly examples: readonly string[];
}

const TSE_DEFAULT_NOTE = 'Without a match the `$default` entry is used; a key that is literally `$default` is written `\\$default` here.';

/** One entry per kind; RouteSelectionExpression has one per protocol. */
export const SELECTION_FACTS: readonly SelectionKindFacts[] = [
  {
    kind: 'RouteSelectionExpression',
    protocol: 'WEBSOCKET',
    appliesTo: 'both',
    resourceType: 'AWS::ApiGatewayV2::Api',
    property: 'RouteSelectionExpression',
    selects: 'the RouteKey of a Route',
    allowedSources: ['request.body'],
    otherSourceSeverity: 'error',
    unescapedDefault: 'not-allowed',
    doc:
      'Chooses the route of each incoming WebSocket message. `$request.body.action` takes the message\'s `action` field and compares it, exactly and case-sensitively, with every RouteKey. ' +
      'Variables read the message with `$request.body.<JSONPath>` (or `${request.body.<JSONPath>}`); static text and several variables may be combined, e.g. `${request.body.service}/${request.body.action}`. ' +
      'A message that is not JSON, or whose value matches no RouteKey, goes to the `$default` route; without one the client gets a `Forbidden` error.',
    examples: ['$request.body.action', '${request.body.action}', '${request.body.service}/${request.body.action}'],
  },
  {
    kind: 'RouteSelectionExpression',
    protocol: 'HTTP',
    appliesTo: 'both',
    resourceType: 'AWS::ApiGatewayV2::Api',
    property: 'RouteSelectionExpression',
    selects: 'the RouteKey (`METHOD /path`) of a Route',
    allowedSources: [],
    fixedValues: ['${request.method} ${request.path}'],
    otherSourceSeverity: 'error',
    unescapedDefault: 'not-allowed',
    doc: 'HTTP APIs always route on method and path: the only value is `${request.method} ${request.path}`, which is also the default, so the property can be left out.',
    examples: ['${request.method} ${request.path}'],
  },
  {
    kind: 'RouteResponseSelectionExpression',
    protocol: 'both',
    appliesTo: 'WEBSOCKET',
    resourceType: 'AWS::ApiGatewayV2::Route',
    property: 'RouteResponseSelectionExpression',
    selects: 'the RouteResponseKey of a RouteResponse',
    allowedSources: [],
    fixedValues: ['$default'],
    otherSourceSeverity: 'error',
    unescapedDefault: 'not-allowed',
    doc: 'Makes a WebSocket route two-way: with `$default` here and a RouteResponse keyed `$default`, the integration\'s answer is sent back to the client. `$default` (unescaped) is the only supported value.',
    examples: ['$default'],
  },
  {
    kind: 'ApiKeySelectionExpression',
    protocol: 'both',
    appliesTo: 'WEBSOCKET',
    resourceType: 'AWS::ApiGatewayV2::Api',
    property: 'ApiKeySelectionExpression',
    selects: 'the API key of a usage plan',
    allowedSources: [],
    fixedValues: ['$request.header.x-api-key', '$context.authorizer.usageIdentifierKey'],
    otherSourceSeverity: 'error',
    unescapedDefault: 'not-allowed',
    doc: 'Where API Gateway finds the API key of a request: `$request.header.x-api-key` (the client sends it in the `x-api-key` header) or `$context.authorizer.usageIdentifierKey` (a Lambda authorizer returns it). No other value is accepted.',
    examples: ['$request.header.x-api-key', '$context.authorizer.usageIdentifierKey'],
  },
  {
    kind: 'IntegrationTemplateSelectionExpression',
    protocol: 'both',
    appliesTo: 'WEBSOCKET',
    resourceType: 'AWS::ApiGatewayV2::Integration',
    property: 'TemplateSelectionExpression',
    selects: 'a key of the Integration\'s RequestTemplates',
    allowedSources: ['request.body'],
    otherSourceSeverity: 'error',
    unescapedDefault: 'info',
    doc: `Chooses the request mapping template: the value is looked up in RequestTemplates. Variables read the client message with \`\${request.body.<JSONPath>}\`; static text is allowed. ${TSE_DEFAULT_NOTE}`,
    examples: ['\\$default', '${request.body.action}', '${request.body.version}'],
  },
  {
    kind: 'IntegrationResponseTemplateSelectionExpression',
    protocol: 'both',
    appliesTo: 'WEBSOCKET',
    resourceType: 'AWS::ApiGatewayV2::IntegrationResponse',
    property: 'TemplateSelectionExpression',
    selects: 'a key of the IntegrationResponse\'s ResponseTemplates',
    allowedSources: ['request.body', 'integration.response.statuscode', 'integration.response.header', 'integration.response.multivalueheader'],
    otherSourceSeverity: 'error',
    unescapedDefault: 'info',
    doc:
      'Chooses the response mapping template: the value is looked up in ResponseTemplates. Allowed: `${request.body.<JSONPath>}` (the **original client message**, not the backend body), ' +
      `\`\${integration.response.statuscode}\`, \`\${integration.response.header.NAME}\`, \`\${integration.response.multivalueheader.NAME}\` and static text. ${TSE_DEFAULT_NOTE}`,
    examples: ['\\$default', '${integration.response.statuscode}', '${request.body.messageId}', '${integration.response.header.Content-Type}'],
  },
  {
    kind: 'ModelSelectionExpression',
    protocol: 'both',
    appliesTo: 'WEBSOCKET',
    resourceType: 'AWS::ApiGatewayV2::Route',
    property: 'ModelSelectionExpression',
    selects: 'a key of the Route\'s RequestModels',
    allowedSources: ['request.body'],
    otherSourceSeverity: 'warning',
    unescapedDefault: 'info',
    doc:
      'Chooses the model that validates the incoming message: the value is looked up in RequestModels (`$default` is the catch-all). ' +
      'If no model matches and there is no `$default` model, the message is rejected as a bad request body.',
    examples: ['\\$default', '${request.body.action}'],
  },
  {
    kind: 'RouteResponseModelSelectionExpression',
    protocol: 'both',
    appliesTo: 'WEBSOCKET',
    resourceType: 'AWS::ApiGatewayV2::RouteResponse',
    property: 'ModelSelectionExpression',
    selects: 'a key of the RouteResponse\'s ResponseModels',
    allowedSources: [],
    unsupported: true,
    otherSourceSeverity: 'warning',
    unescapedDefault: 'info',
    doc: 'Would choose the model of the route response; API Gateway documents it as currently unsupported, so it has no effect.',
    examples: [],
  },
  {
    kind: 'AuthorizerIdentitySource',
    protocol: 'HTTP',
    appliesTo: 'HTTP',
    resourceType: 'AWS::ApiGatewayV2::Authorizer',
    property: 'IdentitySource',
    selects: 'the identity passed to the authorizer (each list entry is one variable)',
    allowedSources: ['request.header', 'request.querystring', 'context', 'stageVariables'],
    otherSourceSeverity: 'error',
    unescapedDefault: 'not-allowed',
    doc:
      'Where an HTTP API authorizer finds the identity: each entry is one variable, `$request.header.NAME`, `$request.querystring.NAME`, `$context.NAME` or `$stageVariables.NAME` (JWT authorizers usually `$request.header.Authorization`). ' +
      'WebSocket APIs write identity sources without `$`: `route.request.header.NAME`, `route.request.querystring.NAME`, `stageVariables.NAME`, `context.NAME`.',
    examples: ['$request.header.Authorization', '$request.querystring.token'],
  },
];

/** The facts that apply to `kind` on an API of `protocol` (a protocol-specific entry wins over a `both` entry). */
export function selectionFactsFor(kind: ExpressionKind, protocol: ApiProtocol): SelectionKindFacts {
  const exact = SELECTION_FACTS.find((f) => f.kind === kind && f.protocol === protocol);
  const any = SELECTION_FACTS.find((f) => f.kind === kind && f.protocol === 'both') ?? SELECTION_FACTS.find((f) => f.kind === kind);
  // Every kind has at least one entry (tested); the last fallback only satisfies the type checker.
  return exact ?? any ?? (SELECTION_FACTS[0] as SelectionKindFacts);
}

/** The expression kind of a CloudFormation property, e.g. (`AWS::ApiGatewayV2::Integration`, `TemplateSelectionExpression`). */
export function expressionKindOf(resourceType: string, property: string): ExpressionKind | undefined {
  return SELECTION_FACTS.find((f) => f.resourceType === resourceType && f.property === property)?.kind;
}
