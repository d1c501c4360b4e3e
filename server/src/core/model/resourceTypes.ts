// Canonical resource type strings: a resource's Type is replaced by the literal of a known type, so that comparing
// types is a pointer comparison. Pure.

/** The ApiGatewayV2 resource types, as literals (literals are internalised strings). */
export const APIGW_TYPE = {
  Api: 'AWS::ApiGatewayV2::Api',
  ApiMapping: 'AWS::ApiGatewayV2::ApiMapping',
  Authorizer: 'AWS::ApiGatewayV2::Authorizer',
  Deployment: 'AWS::ApiGatewayV2::Deployment',
  DomainName: 'AWS::ApiGatewayV2::DomainName',
  Integration: 'AWS::ApiGatewayV2::Integration',
  IntegrationResponse: 'AWS::ApiGatewayV2::IntegrationResponse',
  Model: 'AWS::ApiGatewayV2::Model',
  Route: 'AWS::ApiGatewayV2::Route',
  RouteResponse: 'AWS::ApiGatewayV2::RouteResponse',
  Stage: 'AWS::ApiGatewayV2::Stage',
  VpcLink: 'AWS::ApiGatewayV2::VpcLink',
} as const;

const CANONICAL: ReadonlyMap<string, string> = new Map(
  [...Object.values(APIGW_TYPE), 'AWS::Serverless::HttpApi', 'AWS::Serverless::WebSocketApi', 'AWS::Serverless::Function', 'AWS::Lambda::Function'].map((t) => [t, t]),
);

/**
 * `type` itself, or the equal literal when it is a known type. A type read from a document is a new string each time
 * it is parsed and `===` compares such strings character by character; thousands of resources are compared with
 * several types on every edit.
 */
export function canonicalType(type: string | undefined): string | undefined {
  return type === undefined ? undefined : (CANONICAL.get(type) ?? type);
}
