// The CloudFormation YAML short-form tags and the long-form intrinsic names they stand for. Pure data.

/** `!Tag` → the `Fn::` (or `Ref`/`Condition`) key it abbreviates. */
export const CFN_TAG_TO_FUNCTION: ReadonlyMap<string, string> = new Map([
  ['!Ref', 'Ref'],
  ['!Condition', 'Condition'],
  ['!Sub', 'Fn::Sub'],
  ['!GetAtt', 'Fn::GetAtt'],
  ['!Join', 'Fn::Join'],
  ['!If', 'Fn::If'],
  ['!Select', 'Fn::Select'],
  ['!Split', 'Fn::Split'],
  ['!FindInMap', 'Fn::FindInMap'],
  ['!ImportValue', 'Fn::ImportValue'],
  ['!Base64', 'Fn::Base64'],
  ['!Equals', 'Fn::Equals'],
  ['!And', 'Fn::And'],
  ['!Or', 'Fn::Or'],
  ['!Not', 'Fn::Not'],
  ['!Cidr', 'Fn::Cidr'],
  ['!GetAZs', 'Fn::GetAZs'],
  ['!Transform', 'Fn::Transform'],
  ['!ToJsonString', 'Fn::ToJsonString'],
  ['!Length', 'Fn::Length'],
  ['!ForEach', 'Fn::ForEach'],
]);

export const CFN_SHORT_TAGS: ReadonlySet<string> = new Set(CFN_TAG_TO_FUNCTION.keys());

/** Long-form keys recognised as intrinsic functions when they are the only key of a mapping. */
export const CFN_FUNCTION_KEYS: ReadonlySet<string> = new Set(CFN_TAG_TO_FUNCTION.values());
