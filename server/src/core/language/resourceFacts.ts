// What each AWS::ApiGatewayV2 resource type and property means, written for completion and hover: shape, required, enum values, WebSocket/HTTP applicability. Pure data.

/** Which API protocol a resource or property is meaningful for. */
export type Applies = 'both' | 'WEBSOCKET' | 'HTTP';
/** The shape of a property value. `json` is a CloudFormation Json property (a mapping, or a JSON string). */
export type Shape = 'string' | 'boolean' | 'integer' | 'number' | 'map' | 'list' | 'json' | 'object';
/** Kinds of resource a property may reference (`Ref` of the logical id), by resource type suffix. */
export type RefKind = 'Api' | 'Route' | 'Integration' | 'Deployment' | 'Authorizer' | 'DomainName' | 'Stage' | 'VpcLink';

export interface PropertyFact {
  readonly name: string;
  readonly shape: Shape;
  /** `conditional`: required in some configurations (the doc says when). */
  readonly required?: true | 'conditional';
  readonly applies: Applies;
  /** Every allowed value, when the value is one of a fixed list. */
  readonly values?: readonly string[];
  /** The property holds the id of another resource of this kind. */
  readonly ref?: RefKind;
  readonly doc: string;
  /** Sub-properties of an `object` (or of each value of a `map` when `mapOfObjects`). */
  readonly children?: readonly PropertyFact[];
  /** A map whose values are objects described by `children` (RouteSettings). */
  readonly mapOfObjects?: true;
}

export interface ResourceFact {
  readonly type: string;
  readonly applies: Applies;
  readonly doc: string;
  /** `Fn::GetAtt` attribute names. */
  readonly attributes: readonly string[];
  readonly properties: readonly PropertyFact[];
}

const WS = 'WEBSOCKET' as const;
const HTTP = 'HTTP' as const;
const BOTH = 'both' as const;

const apiId: PropertyFact = { name: 'ApiId', shape: 'string', required: true, applies: BOTH, ref: 'Api', doc: 'The Api this resource belongs to: usually `!Ref` of an `AWS::ApiGatewayV2::Api` in the same template.' };
const description: PropertyFact = { name: 'Description', shape: 'string', applies: BOTH, doc: 'Free text shown in the console; no effect on behaviour.' };
const tags: PropertyFact = { name: 'Tags', shape: 'map', applies: BOTH, doc: 'Tags as a plain mapping of name to value (not the usual list of `{Key, Value}` objects).' };

const routeSettingsChildren: readonly PropertyFact[] = [
  { name: 'DataTraceEnabled', shape: 'boolean', applies: WS, doc: 'Writes full request/response data to the execution log. WebSocket only.' },
  { name: 'DetailedMetricsEnabled', shape: 'boolean', applies: BOTH, doc: 'Publishes CloudWatch metrics per route in addition to per API.' },
  { name: 'LoggingLevel', shape: 'string', applies: WS, values: ['ERROR', 'INFO', 'OFF'], doc: 'Execution log verbosity. WebSocket only.' },
  { name: 'ThrottlingBurstLimit', shape: 'integer', applies: BOTH, doc: 'How many requests may arrive at once before throttling starts.' },
  { name: 'ThrottlingRateLimit', shape: 'number', applies: BOTH, doc: 'Steady-state requests per second allowed (a decimal number).' },
];

export const RESOURCE_FACTS: readonly ResourceFact[] = [
  {
    type: 'AWS::ApiGatewayV2::Api',
    applies: BOTH,
    doc: 'A WebSocket or HTTP API: the container every route, integration and stage points at through `ApiId`. `Ref` gives the API id.',
    attributes: ['ApiEndpoint', 'ApiId'],
    properties: [
      { name: 'Name', shape: 'string', required: 'conditional', applies: BOTH, doc: 'Name of the API, 1–128 characters. Required unless the API is imported from `Body` or `BodyS3Location`.' },
      { name: 'ProtocolType', shape: 'string', required: 'conditional', applies: BOTH, values: ['WEBSOCKET', 'HTTP'], doc: 'Decides what kind of API this is. It cannot be changed after creation (a change replaces the API). Required unless importing an OpenAPI `Body`.' },
      { name: 'RouteSelectionExpression', shape: 'string', required: 'conditional', applies: BOTH, doc: 'How a route is picked. WebSocket: required, usually `$request.body.action` — the value is compared with every RouteKey. HTTP: only `${request.method} ${request.path}` is allowed, and it is the default.' },
      { name: 'ApiKeySelectionExpression', shape: 'string', applies: WS, values: ['$request.header.x-api-key', '$context.authorizer.usageIdentifierKey'], doc: 'Where the API key of a request is read from: the `x-api-key` header, or a key returned by a Lambda authorizer. WebSocket only.' },
      description,
      { name: 'DisableSchemaValidation', shape: 'boolean', applies: WS, doc: 'Skips validation of Model schemas when the API is created. WebSocket only.' },
      { name: 'DisableExecuteApiEndpoint', shape: 'boolean', applies: BOTH, doc: 'Turns off the default `execute-api` endpoint, so clients must come through a custom domain.' },
      { name: 'Version', shape: 'string', applies: BOTH, doc: 'A version label for the API, 1–64 characters; informational.' },
      tags,
      { name: 'IpAddressType', shape: 'string', applies: BOTH, values: ['ipv4', 'dualstack'], doc: 'Whether the endpoint accepts IPv4 only or IPv4 and IPv6.' },
      { name: 'Body', shape: 'json', applies: HTTP, doc: 'An OpenAPI definition inline. The API is built from it, so do not declare Route or Authorizer resources as well. HTTP only.' },
      { name: 'BodyS3Location', shape: 'object', applies: HTTP, doc: 'An OpenAPI definition stored in S3 (`Bucket`, `Key`, `Etag`, `Version`). HTTP only.', children: [
        { name: 'Bucket', shape: 'string', applies: HTTP, doc: 'S3 bucket holding the definition.' },
        { name: 'Key', shape: 'string', applies: HTTP, doc: 'Object key of the definition.' },
        { name: 'Etag', shape: 'string', applies: HTTP, doc: 'ETag of the object version to use.' },
        { name: 'Version', shape: 'string', applies: HTTP, doc: 'Object version to use.' },
      ] },
      { name: 'BasePath', shape: 'string', applies: HTTP, values: ['ignore', 'prepend', 'split'], doc: 'How the OpenAPI `basePath` of an imported `Body` is treated. HTTP only.' },
      { name: 'CorsConfiguration', shape: 'object', applies: HTTP, doc: 'CORS answers generated by API Gateway itself. HTTP only.', children: [
        { name: 'AllowCredentials', shape: 'boolean', applies: HTTP, doc: 'Sends `Access-Control-Allow-Credentials: true`.' },
        { name: 'AllowHeaders', shape: 'list', applies: HTTP, doc: 'Request headers a browser may send.' },
        { name: 'AllowMethods', shape: 'list', applies: HTTP, doc: 'Methods a browser may use (`GET`, `POST`, `*`…).' },
        { name: 'AllowOrigins', shape: 'list', applies: HTTP, doc: 'Origins allowed to call the API (`https://example.com`, `*`).' },
        { name: 'ExposeHeaders', shape: 'list', applies: HTTP, doc: 'Response headers scripts may read.' },
        { name: 'MaxAge', shape: 'integer', applies: HTTP, doc: 'Seconds a browser may cache the preflight answer.' },
      ] },
      { name: 'CredentialsArn', shape: 'string', applies: HTTP, doc: 'Role used by the integration of a quick-create API (with `Target`). HTTP only.' },
      { name: 'RouteKey', shape: 'string', applies: HTTP, doc: 'Route key of the single route a quick-create API gets (with `Target`). HTTP only.' },
      { name: 'Target', shape: 'string', applies: HTTP, doc: 'Quick create: a Lambda ARN or URL; API Gateway then creates a default route, integration and stage. HTTP only.' },
      { name: 'FailOnWarnings', shape: 'boolean', applies: HTTP, doc: 'Makes an OpenAPI import fail when the definition produces warnings. HTTP only.' },
    ],
  },
  {
    type: 'AWS::ApiGatewayV2::Route',
    applies: BOTH,
    doc: 'One route of an Api: which messages (WebSocket) or which `METHOD /path` (HTTP) it takes, and the integration it sends them to. `Ref` gives the route id.',
    attributes: ['RouteId'],
    properties: [
      apiId,
      { name: 'RouteKey', shape: 'string', required: true, applies: BOTH, doc: 'WebSocket: `$connect`, `$disconnect`, `$default`, or a custom value compared exactly with the result of the Api\'s RouteSelectionExpression. HTTP: `$default` or `METHOD /path` (methods GET POST PUT PATCH DELETE HEAD OPTIONS ANY; `{name}` and a final greedy `{name+}` path variables).' },
      { name: 'Target', shape: 'string', applies: BOTH, doc: 'The integration called for this route, written `integrations/<IntegrationId>` — e.g. `!Sub integrations/${MyIntegration}` or `!Join [/, [integrations, !Ref MyIntegration]]`. Without it the route does nothing.' },
      { name: 'AuthorizationType', shape: 'string', applies: BOTH, values: ['NONE', 'AWS_IAM', 'CUSTOM', 'JWT'], doc: 'How callers are authorised. WebSocket: `NONE`, `AWS_IAM` or `CUSTOM` (a Lambda authorizer), only meaningful on `$connect`. HTTP adds `JWT`.' },
      { name: 'AuthorizerId', shape: 'string', applies: BOTH, ref: 'Authorizer', doc: 'The Authorizer used when AuthorizationType is `CUSTOM` or `JWT`.' },
      { name: 'AuthorizationScopes', shape: 'list', applies: BOTH, doc: 'Scopes a JWT must carry (one of them is enough) for this route.' },
      { name: 'ApiKeyRequired', shape: 'boolean', applies: WS, doc: 'Requires an API key (see ApiKeySelectionExpression); checked when connecting. WebSocket only.' },
      { name: 'ModelSelectionExpression', shape: 'string', applies: WS, doc: 'Picks the key of RequestModels whose schema validates each incoming message, e.g. `$request.body.action` or `\\$default`. WebSocket only.' },
      { name: 'RequestModels', shape: 'json', applies: WS, doc: 'Mapping of model-selection value to Model **name** (the Model\'s `Name`, not its logical id). With a ModelSelectionExpression, messages failing the schema are rejected. WebSocket only.' },
      { name: 'RequestParameters', shape: 'json', applies: WS, doc: 'Declares request parameters such as `route.request.querystring.token: {Required: true}`; headers and query strings exist only on `$connect`. WebSocket only.' },
      { name: 'RouteResponseSelectionExpression', shape: 'string', applies: WS, values: ['$default'], doc: 'Set it to `$default` (the only supported value), together with a RouteResponse keyed `$default`, to make the route two-way: the integration\'s answer is sent back to the client. WebSocket only.' },
      { name: 'OperationName', shape: 'string', applies: BOTH, doc: 'A name for the operation (1–64 characters), used by generated SDKs; informational.' },
    ],
  },
  {
    type: 'AWS::ApiGatewayV2::RouteResponse',
    applies: WS,
    doc: 'Sends the integration\'s result back to the WebSocket client (two-way route). WebSocket only; `Ref` gives its id.',
    attributes: ['RouteResponseId'],
    properties: [
      apiId,
      { name: 'RouteId', shape: 'string', required: true, applies: WS, ref: 'Route', doc: 'The Route this response belongs to (`!Ref` of a Route).' },
      { name: 'RouteResponseKey', shape: 'string', required: true, applies: WS, values: ['$default'], doc: 'Only `$default` is supported; it must match the Route\'s RouteResponseSelectionExpression.' },
      { name: 'ModelSelectionExpression', shape: 'string', applies: WS, doc: 'Would pick a key of ResponseModels; API Gateway documents this as currently unsupported.' },
      { name: 'ResponseModels', shape: 'json', applies: WS, doc: 'Mapping of key to Model name for the response; has no effect while response model selection is unsupported.' },
      { name: 'ResponseParameters', shape: 'json', applies: WS, doc: 'Declares response parameters as `name: {Required: bool}`.' },
    ],
  },
  {
    type: 'AWS::ApiGatewayV2::Integration',
    applies: BOTH,
    doc: 'The backend a route calls (Lambda, HTTP endpoint, AWS service or MOCK) and, for WebSocket non-proxy types, how the request is transformed. `Ref` gives the integration id.',
    attributes: ['IntegrationId'],
    properties: [
      apiId,
      { name: 'IntegrationType', shape: 'string', required: true, applies: BOTH, values: ['AWS_PROXY', 'HTTP_PROXY', 'AWS', 'HTTP', 'MOCK'], doc: '`AWS_PROXY` (Lambda proxy) and `HTTP_PROXY` pass the request through and return the backend answer as is. `AWS` (Lambda custom or AWS service), `HTTP` and `MOCK` are non-proxy: mapping templates shape the request, integration responses the answer. HTTP APIs accept only the two proxy types.' },
      { name: 'IntegrationUri', shape: 'string', applies: BOTH, doc: 'What is called: a Lambda invocation URI (`arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<fnArn>/invocations`; HTTP APIs also accept a function ARN), a URL, or an AWS service action. Not used by MOCK.' },
      { name: 'IntegrationMethod', shape: 'string', applies: BOTH, doc: 'HTTP method used towards the backend. Needed for everything but MOCK; must be `POST` for Lambda.' },
      { name: 'IntegrationSubtype', shape: 'string', applies: HTTP, doc: 'For HTTP API AWS service integrations (`AWS_PROXY`): the action, e.g. `SQS-SendMessage`. HTTP only.' },
      { name: 'ConnectionType', shape: 'string', applies: BOTH, values: ['INTERNET', 'VPC_LINK'], doc: '`INTERNET` (default) or `VPC_LINK` for private backends reached through ConnectionId.' },
      { name: 'ConnectionId', shape: 'string', applies: BOTH, ref: 'VpcLink', doc: 'The VPC link used when ConnectionType is `VPC_LINK`.' },
      { name: 'CredentialsArn', shape: 'string', applies: BOTH, doc: 'IAM role API Gateway assumes to call the backend; `arn:aws:iam::*:user/*` passes the caller\'s identity.' },
      description,
      { name: 'PassthroughBehavior', shape: 'string', applies: WS, values: ['WHEN_NO_MATCH', 'WHEN_NO_TEMPLATES', 'NEVER'], doc: 'What happens when no request template is selected: `WHEN_NO_MATCH` (default) passes the raw message on; `WHEN_NO_TEMPLATES` passes it only if no templates exist at all; `NEVER` rejects it. WebSocket only.' },
      { name: 'ContentHandlingStrategy', shape: 'string', applies: WS, values: ['CONVERT_TO_BINARY', 'CONVERT_TO_TEXT'], doc: 'Converts the payload between base64 text and binary; absent means no conversion. WebSocket only.' },
      { name: 'PayloadFormatVersion', shape: 'string', applies: BOTH, values: ['1.0', '2.0'], doc: 'Shape of the event sent to Lambda. HTTP APIs: required; `2.0` or `1.0` for Lambda proxy, `1.0` for everything else. WebSocket: only `1.0`.' },
      { name: 'RequestParameters', shape: 'json', applies: BOTH, doc: 'WebSocket: `integration.request.header.NAME: route.request.body.x` style mappings. HTTP: `append|overwrite|remove:header.NAME` / `querystring.NAME` / `overwrite:path` fed from `$request.…`, `$context.…`, `$stageVariables.…` or static text.' },
      { name: 'RequestTemplates', shape: 'json', applies: WS, doc: 'VTL mapping templates that build the integration request, keyed by the value of TemplateSelectionExpression (`$default` is the catch-all). Non-proxy WebSocket integrations only.' },
      { name: 'ResponseParameters', shape: 'json', applies: HTTP, doc: 'Per status code (200–599), changes to the response: `overwrite:statuscode`, `append|overwrite|remove:header.NAME`. HTTP only.' },
      { name: 'TemplateSelectionExpression', shape: 'string', applies: WS, doc: 'Picks the RequestTemplates key: `${request.body.<path>}` and static text, or `\\$default`. WebSocket only.' },
      { name: 'TimeoutInMillis', shape: 'integer', applies: BOTH, doc: 'Backend timeout: 50–29000 ms on WebSocket (default 29 s), 50–30000 ms on HTTP (default 30 s).' },
      { name: 'TlsConfig', shape: 'object', applies: HTTP, doc: 'TLS settings for private integrations. HTTP only.', children: [{ name: 'ServerNameToVerify', shape: 'string', applies: HTTP, doc: 'Host name checked against the backend certificate.' }] },
    ],
  },
  {
    type: 'AWS::ApiGatewayV2::IntegrationResponse',
    applies: WS,
    doc: 'How a non-proxy WebSocket integration\'s answer is turned into the route response, chosen by IntegrationResponseKey. `Ref` gives its id.',
    attributes: ['IntegrationResponseId'],
    properties: [
      apiId,
      { name: 'IntegrationId', shape: 'string', required: true, applies: WS, ref: 'Integration', doc: 'The Integration whose answers this response handles (`!Ref` of an Integration).' },
      { name: 'IntegrationResponseKey', shape: 'string', required: true, applies: WS, doc: '`$default` (catch-all) or a Java regex between slashes, such as `/2\\d\\d/`, matched against the whole status code (HTTP, MOCK) or the Lambda `errorMessage` (Lambda custom).' },
      { name: 'TemplateSelectionExpression', shape: 'string', applies: WS, doc: 'Picks the ResponseTemplates key: `${integration.response.statuscode}`, `${integration.response.header.NAME}`, `${request.body.<path>}` (the client\'s message) or static text such as `\\$default`.' },
      { name: 'ResponseTemplates', shape: 'json', applies: WS, doc: 'VTL templates that shape what the client receives; `$input` is the integration\'s response body (empty for MOCK). Keyed by the TemplateSelectionExpression value, `$default` as catch-all.' },
      { name: 'ResponseParameters', shape: 'json', applies: WS, doc: 'Maps `method.response.header.NAME` from `integration.response.header.NAME`, `integration.response.body.<path>` or `\'static\'` values.' },
      { name: 'ContentHandlingStrategy', shape: 'string', applies: WS, values: ['CONVERT_TO_BINARY', 'CONVERT_TO_TEXT'], doc: '`CONVERT_TO_TEXT` base64-encodes a binary answer; `CONVERT_TO_BINARY` decodes base64. Absent: no conversion.' },
    ],
  },
  {
    type: 'AWS::ApiGatewayV2::Stage',
    applies: BOTH,
    doc: 'A named, deployed snapshot of the Api that clients call, with its own variables, throttling and logging. `Ref` gives the stage name.',
    attributes: [],
    properties: [
      apiId,
      { name: 'StageName', shape: 'string', required: true, applies: BOTH, doc: 'Letters, digits, `-` and `_` (up to 128), or `$default` to serve the API root (HTTP).' },
      { name: 'DeploymentId', shape: 'string', applies: BOTH, ref: 'Deployment', doc: 'The Deployment this stage serves. Leave it out when AutoDeploy is on.' },
      { name: 'AutoDeploy', shape: 'boolean', applies: BOTH, doc: 'Deploys every change of the API to this stage automatically (default false).' },
      { name: 'StageVariables', shape: 'map', applies: BOTH, doc: 'Name → value pairs readable as `$stageVariables.NAME` / `${stageVariables.NAME}`. Names: letters, digits, `_`; values without spaces.' },
      { name: 'DefaultRouteSettings', shape: 'object', applies: BOTH, doc: 'Throttling, metrics and logging for every route of the stage.', children: routeSettingsChildren },
      { name: 'RouteSettings', shape: 'map', applies: BOTH, mapOfObjects: true, doc: 'Per-route overrides keyed by route key (each key must be a RouteKey of the Api).', children: routeSettingsChildren },
      { name: 'AccessLogSettings', shape: 'object', applies: BOTH, doc: 'Where access logs go and what each line holds.', children: [
        { name: 'DestinationArn', shape: 'string', applies: BOTH, doc: 'ARN of the CloudWatch Logs group (or Firehose stream) receiving the logs.' },
        { name: 'Format', shape: 'string', applies: BOTH, doc: 'The log line, built from `$context` variables, e.g. `{"requestId":"$context.requestId"}`.' },
      ] },
      { name: 'ClientCertificateId', shape: 'string', applies: WS, doc: 'Client certificate presented to HTTP backends. WebSocket only.' },
      description,
      tags,
      { name: 'AccessPolicyId', shape: 'string', applies: BOTH, doc: 'Documented as not currently supported.' },
    ],
  },
  {
    type: 'AWS::ApiGatewayV2::Deployment',
    applies: BOTH,
    doc: 'A snapshot of the Api\'s routes and integrations that a Stage serves. Give it `DependsOn` on the routes, or CloudFormation may deploy before they exist. `Ref` gives the deployment id.',
    attributes: ['DeploymentId'],
    properties: [apiId, description, { name: 'StageName', shape: 'string', applies: BOTH, ref: 'Stage', doc: 'An existing stage to point at this deployment right away.' }],
  },
  {
    type: 'AWS::ApiGatewayV2::Model',
    applies: WS,
    doc: 'A JSON schema used to validate WebSocket messages (see Route RequestModels). WebSocket only; `Ref` gives the model id.',
    attributes: ['ModelId'],
    properties: [
      apiId,
      { name: 'Name', shape: 'string', required: true, applies: WS, doc: 'Alphanumeric name (1–128); RequestModels refer to the model by this name.' },
      { name: 'Schema', shape: 'json', required: true, applies: WS, doc: 'A draft-04 JSON schema (at most 32 KB), as a mapping or a JSON string. Its properties are offered when completing `$request.body.` paths.' },
      { name: 'ContentType', shape: 'string', applies: WS, doc: 'Media type of the model, e.g. `application/json`.' },
      description,
    ],
  },
  {
    type: 'AWS::ApiGatewayV2::Authorizer',
    applies: BOTH,
    doc: 'A Lambda (REQUEST) or JWT authorizer. On WebSocket APIs it runs only on `$connect` and protects the whole connection. `Ref` gives the authorizer id.',
    attributes: ['AuthorizerId'],
    properties: [
      apiId,
      { name: 'Name', shape: 'string', required: true, applies: BOTH, doc: 'Name of the authorizer (1–128).' },
      { name: 'AuthorizerType', shape: 'string', required: true, applies: BOTH, values: ['REQUEST', 'JWT'], doc: '`REQUEST`: a Lambda function decides. `JWT`: tokens are checked against JwtConfiguration (HTTP only). WebSocket accepts only `REQUEST`.' },
      { name: 'AuthorizerUri', shape: 'string', applies: BOTH, doc: 'Invocation URI of the authorizer Lambda (REQUEST authorizers).' },
      { name: 'IdentitySource', shape: 'list', applies: BOTH, doc: 'Where the identity comes from. WebSocket: `route.request.header.NAME`, `route.request.querystring.NAME`. HTTP: `$request.header.Authorization` style.' },
      { name: 'AuthorizerCredentialsArn', shape: 'string', applies: BOTH, doc: 'Role API Gateway assumes to invoke the authorizer Lambda.' },
      { name: 'AuthorizerPayloadFormatVersion', shape: 'string', applies: HTTP, values: ['1.0', '2.0'], doc: 'Event format sent to a Lambda authorizer; required for HTTP Lambda authorizers.' },
      { name: 'AuthorizerResultTtlInSeconds', shape: 'integer', applies: HTTP, doc: 'How long (0–3600 s) a Lambda authorizer\'s answer is cached. HTTP only.' },
      { name: 'EnableSimpleResponses', shape: 'boolean', applies: HTTP, doc: 'Lets a 2.0 Lambda authorizer answer just `{isAuthorized: true|false}`. HTTP only.' },
      { name: 'JwtConfiguration', shape: 'object', applies: HTTP, doc: 'Issuer and audiences checked for JWT authorizers. HTTP only.', children: [
        { name: 'Audience', shape: 'list', applies: HTTP, doc: 'Accepted `aud` values.' },
        { name: 'Issuer', shape: 'string', applies: HTTP, doc: 'Issuer URL of the tokens.' },
      ] },
      { name: 'IdentityValidationExpression', shape: 'string', applies: BOTH, doc: 'Documented as not used by API Gateway V2.' },
    ],
  },
  {
    type: 'AWS::ApiGatewayV2::ApiMapping',
    applies: BOTH,
    doc: 'Maps a path of a custom DomainName to a stage of an Api.',
    attributes: ['ApiMappingId'],
    properties: [
      apiId,
      { name: 'DomainName', shape: 'string', required: true, applies: BOTH, ref: 'DomainName', doc: 'The custom domain name.' },
      { name: 'Stage', shape: 'string', required: true, applies: BOTH, ref: 'Stage', doc: 'The stage served under the mapping.' },
      { name: 'ApiMappingKey', shape: 'string', applies: BOTH, doc: 'Path under the domain (empty for the root).' },
    ],
  },
  {
    type: 'AWS::ApiGatewayV2::DomainName',
    applies: BOTH,
    doc: 'A custom domain name for APIs, with its certificate configuration.',
    attributes: ['RegionalDomainName', 'RegionalHostedZoneId', 'DomainNameArn'],
    properties: [
      { name: 'DomainName', shape: 'string', required: true, applies: BOTH, doc: 'The host name, e.g. `api.example.com`.' },
      { name: 'DomainNameConfigurations', shape: 'list', applies: BOTH, doc: 'Certificate, endpoint type and security policy of the domain.' },
      { name: 'MutualTlsAuthentication', shape: 'object', applies: HTTP, doc: 'Truststore for mutual TLS.', children: [
        { name: 'TruststoreUri', shape: 'string', applies: HTTP, doc: 'S3 URI of the truststore.' },
        { name: 'TruststoreVersion', shape: 'string', applies: HTTP, doc: 'Object version of the truststore.' },
      ] },
      tags,
    ],
  },
  {
    type: 'AWS::ApiGatewayV2::VpcLink',
    applies: HTTP,
    doc: 'A link into a VPC used by private HTTP API integrations (ConnectionType `VPC_LINK`).',
    attributes: ['VpcLinkId'],
    properties: [
      { name: 'Name', shape: 'string', required: true, applies: HTTP, doc: 'Name of the VPC link.' },
      { name: 'SubnetIds', shape: 'list', required: true, applies: HTTP, doc: 'Subnets the link reaches.' },
      { name: 'SecurityGroupIds', shape: 'list', applies: HTTP, doc: 'Security groups of the link.' },
      tags,
    ],
  },
  {
    type: 'AWS::ApiGatewayV2::ApiGatewayManagedOverrides',
    applies: HTTP,
    doc: 'Overrides settings of the route, integration and stage API Gateway created for a quick-create HTTP API.',
    attributes: [],
    properties: [
      apiId,
      { name: 'Integration', shape: 'object', applies: HTTP, doc: 'Overrides of the managed integration (Description, IntegrationMethod, PayloadFormatVersion, TimeoutInMillis).' },
      { name: 'Route', shape: 'object', applies: HTTP, doc: 'Overrides of the managed route (AuthorizationType, AuthorizerId, AuthorizationScopes, OperationName, Target).' },
      { name: 'Stage', shape: 'object', applies: HTTP, doc: 'Overrides of the managed stage (AutoDeploy, AccessLogSettings, DefaultRouteSettings, RouteSettings, StageVariables, Description).' },
    ],
  },
];

const BY_TYPE = new Map(RESOURCE_FACTS.map((f) => [f.type, f]));

/** `Fn::GetAtt` attributes of resource types templates commonly wire into API Gateway (Lambda URIs, roles, log groups). */
const OTHER_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  'AWS::Lambda::Function': ['Arn'],
  'AWS::Serverless::Function': ['Arn'],
  'AWS::Lambda::Alias': ['AliasArn'],
  'AWS::IAM::Role': ['Arn', 'RoleId'],
  'AWS::Logs::LogGroup': ['Arn'],
  'AWS::SQS::Queue': ['Arn', 'QueueName', 'QueueUrl'],
  'AWS::SNS::Topic': ['TopicArn', 'TopicName'],
  'AWS::DynamoDB::Table': ['Arn', 'StreamArn'],
};

/** `Fn::GetAtt` attribute names of a resource type, when known. */
export function attributesOf(type: string | undefined): readonly string[] {
  if (!type) return [];
  return BY_TYPE.get(type)?.attributes ?? OTHER_ATTRIBUTES[type] ?? [];
}

export function resourceFact(type: string | undefined): ResourceFact | undefined {
  return type ? BY_TYPE.get(type) : undefined;
}

/**
 * The fact of a property at `path` below a resource's Properties (`['DefaultRouteSettings', 'LoggingLevel']`,
 * `['RouteSettings', '<route key>', 'LoggingLevel']`), or undefined.
 */
export function propertyFact(type: string | undefined, path: readonly string[]): PropertyFact | undefined {
  let props: readonly PropertyFact[] | undefined = resourceFact(type)?.properties;
  let fact: PropertyFact | undefined;
  for (let i = 0; i < path.length; i++) {
    if (!props) return undefined;
    fact = props.find((p) => p.name === path[i]);
    if (!fact) return undefined;
    if (fact.mapOfObjects) {
      if (i + 1 === path.length) return fact;
      i++; // skip the map key
    }
    props = fact.children;
  }
  return fact;
}

/** The properties allowed in the mapping at `path` (`[]` = Properties itself), or undefined when the path is not an object. */
export function propertiesAt(type: string | undefined, path: readonly string[]): readonly PropertyFact[] | undefined {
  if (path.length === 0) return resourceFact(type)?.properties;
  const parent = propertyFact(type, path);
  if (!parent?.children) return undefined;
  if (parent.mapOfObjects && path[path.length - 1] === parent.name) return undefined;
  return parent.children;
}

/** Markdown describing a property for hover and completion. */
export function propertyMarkdown(type: string, fact: PropertyFact): string {
  const bits = [`**${fact.name}** · ${type.replace('AWS::ApiGatewayV2::', '')} · ${shapeText(fact.shape)}${fact.required === true ? ' · required' : fact.required ? ' · conditionally required' : ''}`];
  bits.push(fact.doc);
  if (fact.values) bits.push(`Allowed values: ${fact.values.map((v) => `\`${v}\``).join(', ')}.`);
  bits.push(appliesText(fact.applies));
  return bits.join('\n\n');
}

export function appliesText(a: Applies): string {
  return a === 'both' ? 'Applies to WebSocket and HTTP APIs.' : a === 'WEBSOCKET' ? 'Applies to WebSocket APIs only.' : 'Applies to HTTP APIs only.';
}

function shapeText(s: Shape): string {
  return s === 'json' ? 'Json (mapping or JSON string)' : s === 'object' ? 'mapping' : s;
}
