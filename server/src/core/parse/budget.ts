// A node budget shared by one parse, so hostile inputs (alias bombs, giant documents) stop instead of exhausting memory.

/** Counts converted nodes; `take()` returns false once the limit is reached. */
export class ParseBudget {
  private used = 0;
  exhausted = false;
  depthReported = false;
  /** Nodes that aliases add when the document is read as a tree (what every later walk will visit). */
  aliasExpansion = 0;
  aliasReported = false;
  /** Collections being converted right now: an alias to one of them is a cycle. */
  readonly inProgress = new Set<object>();
  constructor(
    readonly limit = 2_000_000,
    /** Most nodes aliases may add in total; YAML "billion laughs" documents exceed it by orders of magnitude. */
    readonly aliasLimit = 100_000,
  ) {}
  take(): boolean {
    if (this.used >= this.limit) {
      this.exhausted = true;
      return false;
    }
    this.used++;
    return true;
  }
}
