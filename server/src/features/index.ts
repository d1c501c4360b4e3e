// The feature modules the server registers, in order. Add a feature by adding its module here.
import type { Feature } from '../serverContext';
import { codeLensFeature } from './codeLens';
import { completionFeature } from './completion';
import { diagnosticsFeature } from './diagnostics';
import { hoverFeature } from './hover';
import { navigationFeature } from './navigation';
import { runRouteFeature } from './runRoute';
import { scenariosFeature } from './scenarios';
import { symbolsFeature } from './symbols';

export const FEATURES: readonly Feature[] = [diagnosticsFeature, codeLensFeature, scenariosFeature, navigationFeature, symbolsFeature, runRouteFeature, completionFeature, hoverFeature];
