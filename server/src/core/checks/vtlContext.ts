// Judges `$context.…` names used in a mapping template against the API's protocol (gateway-spec §6.3). Pure data + one function.
import type { Protocol } from '../model/apigw';
import type { Severity } from '../problem';

/** `$context` names a WebSocket mapping template can read (first path step; `authorizer`/`identity` take any sub-name). */
export const WS_TEMPLATE = new Set(['connectionId', 'connectedAt', 'domainName', 'eventType', 'messageId', 'routeKey', 'requestId', 'extendedRequestId', 'apiId', 'authorizer', 'error', 'identity', 'requestTime', 'requestTimeEpoch', 'stage', 'status']);
/** Names listed for WebSocket access logging only. */
export const WS_LOGGING_ONLY = new Set(['authorize', 'authenticate', 'integration', 'integrationLatency', 'waf']);
/** REST-only names that do not exist for WebSocket APIs. */
export const REST_ONLY = new Set(['httpMethod', 'resourcePath', 'resourceId', 'path', 'protocol', 'accountId', 'domainPrefix', 'requestOverride', 'responseOverride', 'wafResponseCode', 'webaclArn', 'xrayTraceId', 'isCanaryRequest', 'deploymentId']);

export interface ContextProblem {
  readonly message: string;
  readonly severity?: Severity;
  readonly inferred?: boolean;
}

/** A problem with `$context.<path>` in a template of an API with `protocol`, or undefined when the name is fine or unknown. */
export function contextProblem(path: readonly string[], protocol: Protocol | undefined): ContextProblem | undefined {
  const name = path[0];
  if (!name || protocol !== 'WEBSOCKET') return undefined;
  if (WS_TEMPLATE.has(name)) return undefined;
  if (REST_ONLY.has(name)) {
    return { message: `$context.${name} is a REST API variable; it does not exist for WebSocket APIs and renders empty. Use a WebSocket variable instead, such as $context.routeKey, $context.connectionId, $context.eventType or $context.requestId.` };
  }
  if (WS_LOGGING_ONLY.has(name)) {
    return { message: `$context.${name} is documented for WebSocket access logging only, not for mapping templates; it probably renders empty. Check the value with Run Route, or use a mapping-template variable such as $context.requestId.`, severity: 'info', inferred: true };
  }
  return { message: `$context.${name} is not a documented WebSocket $context variable; it probably renders empty. Check the spelling; known names are ${[...WS_TEMPLATE].join(', ')}.`, severity: 'info', inferred: true };
}
