// ALL_CHECKS: every check the analyser runs, and the rules (ids) they may emit. Pure data.
import { expressionsCheck } from './expressions';
import { keysCheck } from './keys';
import { protocolCheck } from './protocol';
import { referencesCheck } from './references';
import { syntaxCheck } from './syntax';
import { templatesCheck } from './templates';
import type { Check, Rule } from './types';
import { valuesCheck } from './values';
import { wiringCheck } from './wiring';

export const ALL_CHECKS: readonly Check[] = [syntaxCheck, keysCheck, referencesCheck, expressionsCheck, wiringCheck, protocolCheck, valuesCheck, templatesCheck];

export function allRules(checks: readonly Check[] = ALL_CHECKS): Rule[] {
  const seen = new Map<string, Rule>();
  for (const c of checks) for (const r of c.rules) seen.set(r.id, r);
  return [...seen.values()];
}
