// Accumulates the result fields and steps of one run; every stage reports through it. Pure.
import type { Span } from '../span';
import type { Protocol, RunError, RunErrorCode, RunTrace, SimEvent, StageName, TraceLocation, TraceStep } from './types';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
export type TraceFields = Omit<Mutable<RunTrace>, 'steps' | 'error' | 'protocol' | 'apiLogicalId' | 'event'>;

/** Options of one step. `at` is a document span, or a template-relative location. */
export interface StepOptions {
  readonly inferred?: boolean;
  readonly input?: unknown;
  readonly output?: unknown;
  readonly at?: Span | TraceLocation;
  readonly notes?: readonly string[];
}

const toLocation = (at: Span | TraceLocation | undefined): TraceLocation | undefined => (at === undefined ? undefined : 'span' in at ? at : { span: at });

/** Collects a run. Fields start as "nothing happened" (nulls) and stages fill them in. */
export class TraceBuilder {
  readonly fields: TraceFields = {
    selectedRouteKey: null,
    routeLogicalId: null,
    integrationLogicalId: null,
    integrationType: null,
    requestTemplateKey: null,
    integrationRequestBody: null,
    mockStatusCode: null,
    backendRequest: null,
    integrationResponseKey: null,
    responseTemplateKey: null,
    twoWay: null,
    clientReceives: null,
    connectionAccepted: null,
    http: null,
    pathParameters: null,
  };
  private readonly steps: TraceStep[] = [];
  private error: RunError | null = null;
  /** Notes about the run as a whole (such as an undeclared stage), shown on the next step recorded. */
  private pendingNotes: string[] = [];

  constructor(
    private readonly protocol: Protocol,
    private readonly apiLogicalId: string,
    private readonly event: SimEvent,
  ) {}

  step(stage: StageName, status: TraceStep['status'], detail: string, o: StepOptions = {}): void {
    const location = toLocation(o.at);
    const notes = [...this.pendingNotes, ...(o.notes ?? [])].filter((n, i, all) => all.indexOf(n) === i);
    this.pendingNotes = [];
    this.steps.push({
      stage,
      status,
      detail,
      inferred: Boolean(o.inferred),
      ...(o.input !== undefined ? { input: o.input } : {}),
      ...(o.output !== undefined ? { output: o.output } : {}),
      ...(location ? { location } : {}),
      ...(notes.length ? { notes } : {}),
    });
  }

  /** Adds a note about the run as a whole to the next step (the first stage of the pipeline). */
  noteNextStep(note: string): void {
    this.pendingNotes.push(note);
  }

  ok(stage: StageName, detail: string, o?: StepOptions): void {
    this.step(stage, 'ok', detail, o);
  }

  skip(stage: StageName, detail: string, o?: StepOptions): void {
    this.step(stage, 'skipped', detail, o);
  }

  /** Records an error step and the run's error (the first error wins). */
  fail(stage: StageName, code: RunErrorCode, detail: string, o: StepOptions & { message?: string } = {}): void {
    this.step(stage, 'error', detail, o);
    if (!this.error) {
      const location = toLocation(o.at);
      this.error = { code, message: o.message ?? detail, ...(location ? { location } : {}) };
    }
  }

  get failed(): boolean {
    return this.error !== null;
  }

  result(): RunTrace {
    return { protocol: this.protocol, apiLogicalId: this.apiLogicalId, event: this.event, ...this.fields, error: this.error, steps: this.steps };
  }
}
