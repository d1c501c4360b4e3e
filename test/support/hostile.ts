// Generators of hostile documents for the robustness tests, and the cases of test/fixtures/hostile/cases.yaml that name them.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

/** One case of test/fixtures/hostile/cases.yaml. */
export interface HostileCase {
  readonly name: string;
  readonly generate: string;
  readonly args?: Record<string, unknown>;
  readonly hint?: 'yaml' | 'json';
  /** Diagnostic ids that must appear. */
  readonly expect: readonly string[];
  /** Diagnostic ids that must not appear. */
  readonly absent?: readonly string[];
}

/** The cases, read from the fixture file under `repoRoot`. */
export function hostileCases(repoRoot: string): HostileCase[] {
  return parse(readFileSync(resolve(repoRoot, 'test', 'fixtures', 'hostile', 'cases.yaml'), 'utf8')) as HostileCase[];
}

const API = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Api:\n    Type: AWS::ApiGatewayV2::Api\n    Properties:\n      Name: hostile\n      ProtocolType: WEBSOCKET\n      RouteSelectionExpression: $request.body.action\n';

type Args = Record<string, unknown>;
const num = (a: Args, k: string, d: number): number => (typeof a[k] === 'number' ? (a[k] as number) : d);

/** Anchors a0…aN where each level lists `width` aliases of the previous one. */
function aliasBomb(a: Args): string {
  const levels = num(a, 'levels', 9);
  const width = num(a, 'width', 9);
  const lines = [`a0: &a0 [${Array(width).fill('"lol"').join(', ')}]`];
  for (let i = 1; i < levels; i++) lines.push(`a${i}: &a${i} [${Array(width).fill(`*a${i - 1}`).join(', ')}]`);
  if (a.where === 'properties') {
    return `${API}  Bomb:\n    Type: AWS::ApiGatewayV2::Model\n    Properties:\n      ApiId: !Ref Api\n      Name: bomb\n      Schema:\n${lines.map((l) => `        ${l}`).join('\n')}\n`;
  }
  return `${API}${lines.join('\n')}\n`;
}

const GENERATORS: Record<string, (a: Args) => string> = {
  aliasBomb,
  aliasCycle: () => `${API}  Loop: &loop\n    Type: AWS::ApiGatewayV2::Model\n    Properties:\n      Schema: [*loop, *loop]\n`,
  deepFlow: (a) => `${API}  Deep:\n    Type: AWS::ApiGatewayV2::Model\n    Properties:\n      Schema: ${'['.repeat(num(a, 'depth', 10000))}${']'.repeat(num(a, 'depth', 10000))}\n`,
  deepBlock: (a) => {
    const depth = num(a, 'depth', 3000);
    const lines: string[] = [];
    for (let i = 0; i < depth; i++) lines.push(`${' '.repeat(6 + i)}k${i}:`);
    return `${API}  Deep:\n    Type: AWS::ApiGatewayV2::Model\n    Properties:\n${lines.join('\n')} leaf\n`;
  },
  deepJson: (a) => {
    const depth = num(a, 'depth', 10000);
    return `{"AWSTemplateFormatVersion":"2010-09-09","Resources":{"Api":{"Type":"AWS::ApiGatewayV2::Api","Properties":{"Name":"x","ProtocolType":"HTTP","Deep":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}}}}`;
  },
  binary: (a) => {
    const bytes = Buffer.from(Array.from({ length: num(a, 'bytes', 100000) }, (_, i) => (i * 7919 + (i >> 3)) % 256));
    return bytes.toString(a.encoding === 'utf8' ? 'utf8' : 'latin1');
  },
  hugeScalar: (a) => `${API}  Route:\n    Type: AWS::ApiGatewayV2::Route\n    Properties:\n      ApiId: !Ref Api\n      RouteKey: ${'y'.repeat(num(a, 'chars', 1000000))}\n`,
  controlChars: () => `${API}  Route:\n    Type: AWS::ApiGatewayV2::Route\n    Properties:\n      ApiId: !Ref Api\n      RouteKey: "a\\0b\\x01"\n      OperationName: "\uD800 lone \uDC00"\n`,
  vtlMarkers: (a) => `${API}  Route:\n    Type: AWS::ApiGatewayV2::Route\n    Properties:\n      ApiId: !Ref Api\n      RouteKey: busy\n      Target: !Sub integrations/\${Backend}\n  Backend:\n    Type: AWS::ApiGatewayV2::Integration\n    Properties:\n      ApiId: !Ref Api\n      IntegrationType: MOCK\n      RequestTemplates:\n        $default: '{"statusCode": 200} ${'$'.repeat(num(a, 'count', 70000))}'\n`,
  truncated: () => `${API}  Route:\n    Type: AWS::ApiGatewayV2::Route\n    Properties: { ApiId: !Ref Api, RouteKey: "$def`,
};

/** The document a case describes. Throws on an unknown generator name (a broken fixture, not user input). */
export function generateHostile(name: string, args: Args = {}): string {
  const gen = GENERATORS[name];
  if (!gen) throw new Error(`unknown hostile generator '${name}' (known: ${Object.keys(GENERATORS).join(', ')})`);
  return gen(args);
}
