// The core every emulated service shares: a controllable clock, the call counter,
// executions (Apps Script runs each trigger or client call as one), and fault injection.

/** What Apps Script throws: an Error whose message reads like Google's `Exception: …`. */
export class AppsScriptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Exception';
  }
}

/** Thrown when an execution is cut off; every later call of that execution throws it again. */
export class ExecutionKilled extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'ExecutionKilled';
  }
}

export interface Clock {
  now(): number;
  set(time: number | Date | string): void;
  advance(ms: number): void;
}

export function createClock(start: number | Date | string = Date.now()): Clock {
  let current = toMillis(start);
  return {
    now: () => current,
    set: (time) => {
      current = toMillis(time);
    },
    advance: (ms) => {
      if (!(ms >= 0)) throw new RangeError(`clock.advance needs a non-negative number, got ${ms}`);
      current += ms;
    },
  };
}

function toMillis(time: number | Date | string): number {
  const ms = typeof time === 'number' ? time : new Date(time).getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`not a time: ${String(time)}`);
  return ms;
}

export interface Fault {
  /** `Class.method`, e.g. `GmailApp.sendEmail` or `Range.setValues`. */
  call: string;
  /** The message Apps Script would throw. */
  message: string;
  /** How many calls fail before the call works again; Infinity for all. */
  times: number;
}

export interface Execution {
  readonly id: number;
  /** What started it: `client:fn`, `trigger:fn`, `menu:fn`, `doGet`, `test`. */
  readonly cause: string;
  readonly startedAt: number;
  calls: number;
  killed: ExecutionKilled | null;
}

/** Six minutes: the limit of one Apps Script execution. */
export const EXECUTION_LIMIT_MS = 6 * 60 * 1000;

export class Runtime {
  readonly clock: Clock;
  /** Calls by `Class.method`, over the emulator's whole life (reset with `resetCounts`). */
  readonly counts = new Map<string, number>();
  /** Cells read or written by each `Class.method`, beside `counts`: Google's time grows with them (see `cells`). */
  readonly cellCounts = new Map<string, number>();
  private lastCall: string | null = null;
  private faults: Fault[] = [];
  private killAfter: number | null = null;
  private nextExecutionId = 1;
  private stack: Execution[] = [];
  /** Called before each counted call; a test may start a second execution here to model concurrency. */
  onCall: ((call: string, execution: Execution | null) => void) | null = null;
  /** Milliseconds of emulated time each counted call takes, so time budgets can be tested. */
  callLatencyMs = 0;

  constructor(clock: Clock) {
    this.clock = clock;
  }

  /** The execution now running: the innermost when a test nests one inside another. */
  get execution(): Execution | null {
    return this.stack[this.stack.length - 1] ?? null;
  }

  private internalDepth = 0;

  /** Runs emulator-internal work (a form writing its response row, the playground reading a sheet) uncounted and unfaulted. */
  internal<T>(body: () => T): T {
    this.internalDepth += 1;
    try {
      return body();
    } finally {
      this.internalDepth -= 1;
    }
  }

  /** Counts a call of an emulated method; throws an injected fault or the kill when one applies. */
  call(className: string, method: string): void {
    if (this.internalDepth > 0) return;
    const key = `${className}.${method}`;
    const execution = this.execution;
    if (execution?.killed) throw execution.killed;
    if (execution && this.killAfter !== null && execution.calls >= this.killAfter) {
      execution.killed = new ExecutionKilled(`Exceeded maximum execution time (killed after ${execution.calls} calls)`);
      throw execution.killed;
    }
    if (execution && this.clock.now() - execution.startedAt > EXECUTION_LIMIT_MS) {
      execution.killed = new ExecutionKilled('Exceeded maximum execution time');
      throw execution.killed;
    }
    if (execution) this.interleaveBefore(execution);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.lastCall = key;
    if (execution) execution.calls += 1;
    if (this.callLatencyMs > 0) this.clock.advance(this.callLatencyMs);
    this.onCall?.(key, execution);
    const fault = this.faults.find((f) => f.call === key && f.times > 0);
    if (fault) {
      fault.times -= 1;
      throw new AppsScriptError(fault.message);
    }
  }

  /** Notes that the call just counted read or wrote `n` cells (a range's values, an appended row). */
  cells(n: number): void {
    if (this.internalDepth > 0 || this.lastCall === null) return;
    this.cellCounts.set(this.lastCall, (this.cellCounts.get(this.lastCall) ?? 0) + n);
  }

  /** Total counted calls, or those whose key starts with `prefix` (e.g. `Range.` or `GmailApp.`). */
  total(prefix = ''): number {
    let sum = 0;
    for (const [key, n] of this.counts) if (key.startsWith(prefix)) sum += n;
    return sum;
  }

  resetCounts(): void {
    this.counts.clear();
    this.cellCounts.clear();
    this.lastCall = null;
  }

  snapshotCounts(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }

  snapshotCells(): Record<string, number> {
    return Object.fromEntries([...this.cellCounts].sort(([a], [b]) => a.localeCompare(b)));
  }

  /** Make the next `times` calls of `Class.method` throw `message`. */
  failOn(call: string, message: string, times = Infinity): void {
    this.faults.push({ call, message, times });
  }

  /** Every execution from now on dies when it tries its (n+1)-th call; null lifts it. */
  killExecutionsAfter(n: number | null): void {
    this.killAfter = n;
  }

  clearFaults(): void {
    this.faults = [];
    this.killAfter = null;
    this.interleaves = [];
  }

  private interleaves: Array<{ atCall: number; body: () => void; handle: { fired: boolean } }> = [];
  private asideWrapper: (body: () => void) => void = (body) => body();

  /**
   * Once an execution has made `atCall` calls, `body` runs before its next call: a second execution (another
   * staff press, a trigger, a form submit) started there shares locks and sees only committed writes. One-shot;
   * `fired` tells a sweep whether the first execution got that far.
   */
  interleaveAt(atCall: number, body: () => void): { fired: boolean } {
    const handle = { fired: false };
    this.interleaves.push({ atCall, body, handle });
    return handle;
  }

  /** The spreadsheet sets how an interleaved body runs: with the interrupted execution's pending writes set aside. */
  setAsideWrapper(wrapper: (body: () => void) => void): void {
    this.asideWrapper = wrapper;
  }

  private interleaveBefore(execution: Execution): void {
    const index = this.interleaves.findIndex((i) => i.atCall === execution.calls);
    if (index < 0) return;
    const [due] = this.interleaves.splice(index, 1);
    if (!due) return;
    due.handle.fired = true;
    this.asideWrapper(due.body);
  }

  private startListeners: Array<(execution: Execution, outer: Execution | null) => void> = [];

  /** Called as an execution starts, with the one it interrupts (null when none runs). */
  onExecutionStart(listener: (execution: Execution, outer: Execution | null) => void): void {
    this.startListeners.push(listener);
  }

  private endListeners: Array<(execution: Execution) => void> = [];

  /** Services that hold per-execution state (locks, pending writes) release it here. */
  onExecutionEnd(listener: (execution: Execution) => void): void {
    this.endListeners.push(listener);
  }

  /** Runs `body` as one execution; nested calls model a second user acting at the same moment. */
  runExecution<T>(cause: string, body: (execution: Execution) => T): T {
    const execution: Execution = {
      id: this.nextExecutionId++,
      cause,
      startedAt: this.clock.now(),
      calls: 0,
      killed: null,
    };
    for (const listener of this.startListeners) listener(execution, this.execution);
    this.stack.push(execution);
    try {
      return body(execution);
    } finally {
      this.stack.pop();
      for (const listener of this.endListeners) listener(execution);
    }
  }
}
