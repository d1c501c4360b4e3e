// A node budget shared by one parse, so hostile inputs (alias bombs, giant documents) stop instead of exhausting memory.

/** Counts converted nodes; `take()` returns false once the limit is reached. */
export class ParseBudget {
  private used = 0;
  exhausted = false;
  depthReported = false;
  constructor(readonly limit = 2_000_000) {}
  take(): boolean {
    if (this.used >= this.limit) {
      this.exhausted = true;
      return false;
    }
    this.used++;
    return true;
  }
}
