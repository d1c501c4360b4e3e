// Benchmark templates: N WebSocket routes (Route + Integration + IntegrationResponse + RouteResponse each) plus unrelated resources, as YAML or JSON.

/** What the benchmark asks for. */
export interface GenerateOptions {
  /** Total number of resources (Api, Stage, Deployment, 4 per route, the rest unrelated). At least 8. */
  readonly resources: number;
  readonly format: 'yaml' | 'json';
  /** Seed of the deterministic pseudo-random variation (same seed, same text). */
  readonly seed?: number;
}

export interface GeneratedTemplate {
  readonly text: string;
  readonly format: 'yaml' | 'json';
  /** Number of resources under Resources. */
  readonly resourceCount: number;
  /** Logical ids of the routes, in document order (`Route0001`…). */
  readonly routeIds: readonly string[];
  /** A route whose integration is MOCK (Run Route target). */
  readonly mockRouteId: string;
  /** The RouteKey of `mockRouteId` (what the WebSocket frame's `action` must say). */
  readonly mockRouteKey: string;
}

/** Share of the resources that belong to routes (4 per route); the rest are unrelated (Lambda, IAM, SQS, DynamoDB…). */
const ROUTE_SHARE = 0.75;

/** Small deterministic PRNG (mulberry32) so templates are identical run to run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A value tree that prints as YAML (short-form intrinsics, block scalars) or JSON (long-form intrinsics). */
type V = string | number | boolean | V[] | { [k: string]: V } | Intrinsic | Block;

class Intrinsic {
  constructor(
    readonly fn: 'Ref' | 'Fn::GetAtt' | 'Fn::Sub' | 'Fn::Join',
    readonly arg: V,
  ) {}
}

/** A multi-line string written as a YAML literal block scalar. */
class Block {
  constructor(readonly text: string) {}
}

const ref = (id: string) => new Intrinsic('Ref', id);
const getAtt = (id: string, attr: string) => new Intrinsic('Fn::GetAtt', `${id}.${attr}`);
const sub = (s: string) => new Intrinsic('Fn::Sub', s);

const pad = (n: number) => String(n).padStart(4, '0');

/** Generates one benchmark template. Deterministic for given options. */
export function generateTemplate(options: GenerateOptions): GeneratedTemplate {
  const random = prng(options.seed ?? 42);
  const total = Math.max(8, Math.floor(options.resources));
  const routes = Math.max(1, Math.floor(((total - 3) * ROUTE_SHARE) / 4));
  const unrelated = total - 3 - routes * 4;
  const resources: [string, V][] = [];
  const routeIds: string[] = [];
  resources.push([
    'WsApi',
    {
      Type: 'AWS::ApiGatewayV2::Api',
      Properties: { Name: sub('bench-ws-${AWS::StackName}'), ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action', Description: 'Benchmark WebSocket API with many routes.' },
    },
  ]);
  let mockRouteId = '';
  let mockRouteKey = '';
  let unrelatedMade = 0;
  const unrelatedEvery = routes > 0 ? unrelated / routes : 0;
  const handlers = Math.max(1, Math.ceil(unrelated / UNRELATED_KINDS.length));
  for (let i = 1; i <= routes; i++) {
    const n = pad(i);
    const key = `action${n}`;
    const mock = i % 2 === 1;
    if (mock && !mockRouteId) {
      mockRouteId = `Route${n}`;
      mockRouteKey = key;
    }
    routeIds.push(`Route${n}`);
    resources.push([
      `Route${n}`,
      {
        Type: 'AWS::ApiGatewayV2::Route',
        Properties: {
          ApiId: ref('WsApi'),
          RouteKey: key,
          AuthorizationType: 'NONE',
          ApiKeyRequired: false,
          OperationName: `Action${n}`,
          RouteResponseSelectionExpression: '$default',
          Target: sub(`integrations/\${Integration${n}}`),
        },
      },
    ]);
    const integration: Record<string, V> = mock
      ? {
          ApiId: ref('WsApi'),
          IntegrationType: 'MOCK',
          Description: `Mock integration of ${key}: answers with a fixed status code and echoes the message back to the sender, so that clients can test the round trip without a backend.`,
          PassthroughBehavior: 'WHEN_NO_MATCH',
          TemplateSelectionExpression: '\\$default',
          RequestTemplates: {
            $default: new Block(
              `#set($body = $input.path('$'))\n#set($items = $input.path('$.items'))\n{\n  "statusCode": 200,\n  "action": "$util.escapeJavaScript($body.action)",\n  "connection": "$context.connectionId",\n  "count": #if($items)$items.size()#{else}0#end,\n  "seq": ${i}\n}\n`,
            ),
          },
        }
      : {
          ApiId: ref('WsApi'),
          IntegrationType: 'AWS',
          IntegrationMethod: 'POST',
          IntegrationUri: sub(`arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Handler${pad(((i - 1) % handlers) + 1)}.Arn}/invocations`),
          Description: `Lambda integration of ${key}: forwards the action, the connection id and the payload to the handler function, which answers through the integration response.`,
          TemplateSelectionExpression: '\\$default',
          RequestTemplates: {
            $default: new Block(
              `#set($payload = $input.json('$.payload'))\n{\n  "action": "$input.path('$.action')",\n  "connection": "$context.connectionId",\n  "route": "$context.routeKey",\n  "payload": #if($payload != "")$payload#{else}null#end,\n  "seq": ${i}\n}\n`,
            ),
          },
          TimeoutInMillis: 5000 + Math.floor(random() * 20000),
        };
    resources.push([`Integration${n}`, { Type: 'AWS::ApiGatewayV2::Integration', Properties: integration }]);
    resources.push([
      `IntegrationResponse${n}`,
      {
        Type: 'AWS::ApiGatewayV2::IntegrationResponse',
        Properties: {
          ApiId: ref('WsApi'),
          IntegrationId: ref(`Integration${n}`),
          IntegrationResponseKey: '$default',
          TemplateSelectionExpression: '\\$default',
          ResponseTemplates: { $default: new Block(`{\n  "ok": true,\n  "route": "${key}",\n  "requestId": "$context.requestId",\n  "result": $input.json('$')\n}\n`) },
        },
      },
    ]);
    resources.push([
      `RouteResponse${n}`,
      { Type: 'AWS::ApiGatewayV2::RouteResponse', Properties: { ApiId: ref('WsApi'), RouteId: ref(`Route${n}`), RouteResponseKey: '$default' } },
    ]);
    while (unrelatedMade < Math.round(i * unrelatedEvery) && unrelatedMade < unrelated) {
      unrelatedMade++;
      resources.push(unrelatedResource(unrelatedMade, random));
    }
  }
  while (unrelatedMade < unrelated) {
    unrelatedMade++;
    resources.push(unrelatedResource(unrelatedMade, random));
  }
  resources.push(['Deployment', { Type: 'AWS::ApiGatewayV2::Deployment', DependsOn: [...routeIds], Properties: { ApiId: ref('WsApi'), Description: 'Benchmark deployment.' } }]);
  resources.push(['ProdStage', { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: ref('WsApi'), StageName: 'prod', DeploymentId: ref('Deployment'), Description: 'Production stage.' } }]);

  const template: [string, V][] = [
    ['AWSTemplateFormatVersion', '2010-09-09'],
    ['Description', `apigw-lens benchmark: ${routes} WebSocket routes and ${unrelated} unrelated resources (${total} resources).`],
    ['Parameters', { LogRetentionDays: { Type: 'Number', Default: 14, Description: 'Days to keep logs.' } }],
    ['Resources', Object.fromEntries(resources)],
    ['Outputs', { WebSocketUrl: { Description: 'WebSocket endpoint', Value: sub('wss://${WsApi}.execute-api.${AWS::Region}.amazonaws.com/prod') } }],
  ];
  const text = options.format === 'json' ? printJson(template) : printYaml(template);
  return { text, format: options.format, resourceCount: resources.length, routeIds, mockRouteId, mockRouteKey };
}

const UNRELATED_KINDS = ['function', 'role', 'queue', 'table', 'topic', 'logGroup'] as const;

function unrelatedResource(i: number, random: () => number): [string, V] {
  const kind = UNRELATED_KINDS[(i - 1) % UNRELATED_KINDS.length] ?? 'queue';
  const n = pad(i);
  const tags: V = [
    { Key: 'project', Value: 'apigw-lens-bench' },
    { Key: 'owner', Value: `team-${Math.floor(random() * 30)}` },
    { Key: 'cost-center', Value: `cc-${1000 + Math.floor(random() * 9000)}` },
    { Key: 'environment', Value: 'production' },
  ];
  switch (kind) {
    case 'function':
      return [
        `Handler${pad(Math.ceil(i / UNRELATED_KINDS.length))}`,
        {
          Type: 'AWS::Lambda::Function',
          Properties: {
            Runtime: 'nodejs20.x',
            Handler: 'index.handler',
            MemorySize: 128 * (1 + Math.floor(random() * 8)),
            Timeout: 3 + Math.floor(random() * 27),
            Role: getAtt(`Role${pad(i + 1)}`, 'Arn'),
            Environment: { Variables: { TABLE_NAME: ref(`Table${pad(i + 3)}`), QUEUE_URL: ref(`Queue${pad(i + 2)}`), LOG_LEVEL: 'info' } },
            Code: {
              ZipFile: new Block(
                `exports.handler = async (event) => {\n  const body = JSON.parse(event.body || '{}');\n  console.log('handler ${n}', body.action);\n  return { statusCode: 200, body: JSON.stringify({ ok: true, seq: ${i} }) };\n};\n`,
              ),
            },
            Tags: tags,
          },
        },
      ];
    case 'role':
      return [
        `Role${n}`,
        {
          Type: 'AWS::IAM::Role',
          Properties: {
            AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
            ManagedPolicyArns: [sub('arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole')],
            Policies: [
              {
                PolicyName: `access-${n}`,
                PolicyDocument: {
                  Version: '2012-10-17',
                  Statement: [
                    { Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'], Resource: sub(`arn:\${AWS::Partition}:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/bench-${n}`) },
                    { Effect: 'Allow', Action: ['execute-api:ManageConnections'], Resource: sub('arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${WsApi}/*') },
                  ],
                },
              },
            ],
            Tags: tags,
          },
        },
      ];
    case 'queue':
      return [`Queue${n}`, { Type: 'AWS::SQS::Queue', Properties: { QueueName: sub(`bench-\${AWS::StackName}-${n}`), VisibilityTimeout: 30 + Math.floor(random() * 300), MessageRetentionPeriod: 345600, Tags: tags } }];
    case 'table':
      return [
        `Table${n}`,
        {
          Type: 'AWS::DynamoDB::Table',
          Properties: {
            BillingMode: 'PAY_PER_REQUEST',
            AttributeDefinitions: [
              { AttributeName: 'pk', AttributeType: 'S' },
              { AttributeName: 'sk', AttributeType: 'S' },
            ],
            KeySchema: [
              { AttributeName: 'pk', KeyType: 'HASH' },
              { AttributeName: 'sk', KeyType: 'RANGE' },
            ],
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            Tags: tags,
          },
        },
      ];
    case 'topic':
      return [`Topic${n}`, { Type: 'AWS::SNS::Topic', Properties: { DisplayName: `Bench topic ${n}`, Subscription: [{ Protocol: 'sqs', Endpoint: getAtt(`Queue${pad(i - 2)}`, 'Arn') }], Tags: tags } }];
    case 'logGroup':
      return [`LogGroup${n}`, { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: sub(`/bench/\${AWS::StackName}/${n}`), RetentionInDays: ref('LogRetentionDays') } }];
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Printers

const PLAIN_SAFE = /^[A-Za-z0-9_./$][A-Za-z0-9_ ./:$-]*$/;

function yamlScalar(s: string): string {
  if (PLAIN_SAFE.test(s) && !/^(true|false|null|yes|no|on|off|~)$/i.test(s) && !/^[\d.]+$/.test(s) && !/: | $/.test(s)) return s;
  return `'${s.replace(/'/g, "''")}'`;
}

function printYaml(top: [string, V][]): string {
  const out: string[] = [];
  for (const [k, v] of top) {
    if (k === 'Resources' && v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Intrinsic) && !(v instanceof Block)) {
      out.push('Resources:');
      let first = true;
      for (const [id, body] of Object.entries(v)) {
        if (!first) out.push('');
        first = false;
        out.push(`  ${id}:`);
        yamlValueLines(body, 4, out);
      }
      continue;
    }
    yamlEntry(k, v, 0, out);
  }
  return `${out.join('\n')}\n`;
}

function yamlEntry(key: string, v: V, indent: number, out: string[]): void {
  const sp = ' '.repeat(indent);
  const k = yamlScalar(key);
  if (typeof v === 'string') out.push(`${sp}${k}: ${yamlScalar(v)}`);
  else if (typeof v === 'number' || typeof v === 'boolean') out.push(`${sp}${k}: ${String(v)}`);
  else if (v instanceof Block) {
    out.push(`${sp}${k}: |`);
    for (const line of v.text.replace(/\n$/, '').split('\n')) out.push(line ? `${sp}  ${line}` : '');
  } else if (v instanceof Intrinsic) out.push(`${sp}${k}: ${yamlIntrinsic(v)}`);
  else if (Array.isArray(v) && v.length === 0) out.push(`${sp}${k}: []`);
  else {
    out.push(`${sp}${k}:`);
    yamlValueLines(v, indent + 2, out);
  }
}

function yamlIntrinsic(v: Intrinsic): string {
  const tag = v.fn === 'Ref' ? '!Ref' : v.fn === 'Fn::GetAtt' ? '!GetAtt' : v.fn === 'Fn::Sub' ? '!Sub' : '!Join';
  if (typeof v.arg !== 'string') throw new Error('only scalar intrinsic arguments are generated');
  return `${tag} ${yamlScalar(v.arg)}`;
}

function yamlValueLines(v: V, indent: number, out: string[]): void {
  const sp = ' '.repeat(indent);
  if (Array.isArray(v)) {
    for (const item of v) {
      if (item && typeof item === 'object' && !Array.isArray(item) && !(item instanceof Intrinsic) && !(item instanceof Block)) {
        const lines: string[] = [];
        for (const [k, x] of Object.entries(item)) yamlEntry(k, x, indent + 2, lines);
        const [head, ...rest] = lines;
        out.push(`${sp}- ${(head ?? '').slice(indent + 2)}`, ...rest);
      } else if (typeof item === 'string') out.push(`${sp}- ${yamlScalar(item)}`);
      else if (item instanceof Intrinsic) out.push(`${sp}- ${yamlIntrinsic(item)}`);
      else out.push(`${sp}- ${String(item)}`);
    }
    return;
  }
  if (v && typeof v === 'object' && !(v instanceof Intrinsic) && !(v instanceof Block)) {
    for (const [k, x] of Object.entries(v)) yamlEntry(k, x, indent, out);
  }
}

function toJsonValue(v: V): unknown {
  if (v instanceof Intrinsic) return { [v.fn]: toJsonValue(v.arg) };
  if (v instanceof Block) return v.text;
  if (Array.isArray(v)) return v.map(toJsonValue);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toJsonValue(x)]));
  return v;
}

function printJson(top: [string, V][]): string {
  return `${JSON.stringify(Object.fromEntries(top.map(([k, v]) => [k, toJsonValue(v)])), null, 2)}\n`;
}
