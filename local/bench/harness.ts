// The benchmark harness: each operation runs the real bundle in the emulator at growing data sizes. For the
// measured step we record, per execution, the emulated Apps Script calls, the cells they read and wrote and
// the CPU time in Node, and price them in estimated Google seconds with cost-model.ts.
import type { Runtime } from '../emulator/runtime';
import { callSeconds, estimateSeconds, type Usage } from './cost-model';

/** What one execution of the measured step did, priced. */
export interface ExecutionUsage extends Usage {
  /** `trigger:runHourly`, `client:getClientCard`, … or `outside executions`. */
  cause: string;
  seconds: number;
}

export interface Target {
  /** The limit in estimated Google seconds. */
  seconds: number;
  /** What the limit applies to: the whole step, its costliest execution, or one unit (a mail). */
  of: 'step' | 'execution' | 'unit';
  /** Most executions the step may take (the sidebar's "one execution"). */
  executions?: number;
}

export interface MeasuredStep {
  emu: { rt: Runtime };
  run(): void;
  sizeLabel?: string;
  /** Divides the step into units (mails) for a per-unit figure. */
  units?: { count: number; name: string };
  /** A figure other than the step's total to hold against the target (e.g. a day of triggers). */
  score?(executions: ExecutionUsage[]): { seconds: number; note: string };
  /** Anything else the row should say, read after the step (e.g. duplicates after a kill). */
  note?(): string;
  /** Why the step failed, or '': a failed step misses its target whatever it cost. */
  failure?(): string;
}

export interface BenchCase {
  /** What staff would call it, e.g. "Set up database (second run)". */
  operation: string;
  sizes: number[];
  target?: Target;
  /** Builds the world for one size; returns the measured step. Setup is not measured. */
  prepare(size: number): MeasuredStep;
}

/** The usual measured step: one thing the add-on does, in the emulator `emu`. */
export function countedStep(emu: { rt: Runtime }, step: () => void, sizeLabel?: string): MeasuredStep {
  return { emu, run: step, ...(sizeLabel === undefined ? {} : { sizeLabel }) };
}

export interface BenchRow {
  operation: string;
  size: string;
  cpuMs: number;
  executions: number;
  calls: number;
  cellsRead: number;
  cellsWritten: number;
  /** Estimated Google seconds of the whole step. */
  seconds: number;
  /** Of its costliest execution. */
  maxExecutionSeconds: number;
  costliest: string;
  target: string;
  met: boolean | null;
  /** Against the same operation's row at the size before: its Google seconds' ratio, the data's, pass/fail. */
  growth: string;
  note: string;
}

const sum = (values: number[]): number => values.reduce((total, n) => total + n, 0);
// A TextFinder search reads the cells it scans.
const isRead = (call: string): boolean => /\.(get|find)[A-Z]/.test(call);

/** Runs `step` with the counters reset, cutting its counts at each execution's end. */
function record(step: MeasuredStep): { executions: ExecutionUsage[]; cpuMs: number } {
  const rt = step.emu.rt;
  const executions: ExecutionUsage[] = [];
  let recording = false;
  let seenCalls: Record<string, number> = {};
  let seenCells: Record<string, number> = {};
  let cpuMark = process.cpuUsage();
  const cut = (cause: string, started: boolean): void => {
    const calls = delta(rt.snapshotCounts(), seenCalls);
    const cells = delta(rt.snapshotCells(), seenCells);
    const cpu = process.cpuUsage(cpuMark);
    seenCalls = rt.snapshotCounts();
    seenCells = rt.snapshotCells();
    cpuMark = process.cpuUsage();
    const usage = { calls, cells, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
    if (!started && Object.keys(calls).length === 0) return;
    executions.push({ ...usage, cause, seconds: estimateSeconds(usage, started).total });
  };
  rt.onExecutionEnd((execution) => {
    if (recording) cut(execution.cause, true);
  });
  rt.resetCounts();
  // A full collection of what setup left behind, so it does not land inside the measured step.
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.cpuUsage();
  cpuMark = before;
  recording = true;
  try {
    step.run();
  } finally {
    recording = false;
  }
  cut('outside executions', false);
  const used = process.cpuUsage(before);
  return { executions, cpuMs: (used.user + used.system) / 1000 };
}

function delta(now: Record<string, number>, before: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, n] of Object.entries(now)) if (n - (before[key] ?? 0) > 0) out[key] = n - (before[key] ?? 0);
  return out;
}

function merged(executions: ExecutionUsage[], field: 'calls' | 'cells'): Record<string, number> {
  const out: Record<string, number> = {};
  for (const execution of executions)
    for (const [key, n] of Object.entries(execution[field])) out[key] = (out[key] ?? 0) + n;
  return out;
}

export function rowOf(benchCase: BenchCase, size: number, step: MeasuredStep): BenchRow {
  const { executions, cpuMs } = record(step);
  const calls = merged(executions, 'calls');
  const cells = merged(executions, 'cells');
  const started = executions.filter((e) => e.cause !== 'outside executions');
  const seconds = sum(executions.map((e) => e.seconds));
  const maxExecutionSeconds = Math.max(0, ...started.map((e) => e.seconds));
  const priced = callSeconds({ calls, cells });
  const costliest = Object.entries(priced)
    .sort(([, a], [, b]) => b - a)
    .slice(0, 3)
    .map(
      ([call, s]) => `${call}×${calls[call]}${cells[call] ? ` (${compact(cells[call])} cells)` : ''} ${s.toFixed(1)} s`,
    )
    .join(', ');
  const notes: string[] = [];
  if (started.length > 1) notes.push(`executions: ${executionSummary(started)}`);
  let scored = seconds;
  const score = step.score?.(executions);
  if (score) {
    scored = score.seconds;
    notes.push(score.note);
  }
  if (step.units)
    notes.push(
      `${(seconds / step.units.count).toFixed(2)} s per ${step.units.name} (${step.units.count} ${step.units.name}s)`,
    );
  const extra = step.note?.();
  if (extra) notes.push(extra);
  const failure = step.failure?.() ?? '';
  if (failure) notes.push(`FAILED: ${failure}`);
  const judged = judge(benchCase.target, {
    seconds: scored,
    maxExecutionSeconds,
    executions: started.length,
    units: step.units?.count,
  });
  const { target, met } = failure
    ? { target: judged.target.replace(/: (met|MISS)$/, ': MISS (failed)'), met: false }
    : judged;
  return {
    operation: benchCase.operation,
    size: step.sizeLabel ?? size.toLocaleString('en'),
    cpuMs,
    executions: started.length,
    calls: sum(Object.values(calls)),
    cellsRead: sum(
      Object.entries(cells)
        .filter(([call]) => isRead(call))
        .map(([, n]) => n),
    ),
    cellsWritten: sum(
      Object.entries(cells)
        .filter(([call]) => !isRead(call))
        .map(([, n]) => n),
    ),
    seconds: scored,
    maxExecutionSeconds,
    costliest,
    target,
    met,
    growth: '',
    note: notes.join('; '),
  };
}

/** Each execution's cause and Google seconds; repeated causes grouped with their count, total and maximum. */
function executionSummary(executions: ExecutionUsage[]): string {
  const byCause = new Map<string, number[]>();
  for (const execution of executions)
    byCause.set(execution.cause, [...(byCause.get(execution.cause) ?? []), execution.seconds]);
  return [...byCause]
    .map(([cause, seconds]) =>
      seconds.length === 1
        ? `${cause} ${seconds[0]!.toFixed(1)} s`
        : `${cause}×${seconds.length} ${sum(seconds).toFixed(1)} s (max ${Math.max(...seconds).toFixed(1)})`,
    )
    .join(', ');
}

function judge(
  target: Target | undefined,
  measured: { seconds: number; maxExecutionSeconds: number; executions: number; units: number | undefined },
): { target: string; met: boolean | null } {
  if (!target) return { target: '', met: null };
  const value =
    target.of === 'execution'
      ? measured.maxExecutionSeconds
      : target.of === 'unit'
        ? measured.seconds / (measured.units ?? 1)
        : measured.seconds;
  const unitWord = target.of === 'execution' ? ' per execution' : target.of === 'unit' ? ' per unit' : '';
  let met = value <= target.seconds;
  let text = `≤ ${Number(target.seconds.toFixed(2))} s${unitWord}`;
  if (target.executions !== undefined) {
    text += `, ≤ ${target.executions} exec`;
    met &&= measured.executions <= target.executions;
  }
  return { target: `${text}: ${met ? 'met' : 'MISS'}`, met };
}

/** Twice the data should cost at most about twice the time: within 10 % of the data's own ratio. */
function grewWithin(dataRatio: number, timeRatio: number): boolean {
  return timeRatio <= dataRatio * 1.1;
}

/** The growth column of a row against the row at the size before it. */
export function growthCell(row: BenchRow, before: BenchRow, dataRatio: number): string {
  const timeRatio = row.seconds / before.seconds;
  return `×${timeRatio.toFixed(2)} / data ×${dataRatio.toFixed(1)}: ${grewWithin(dataRatio, timeRatio) ? 'met' : 'MISS'}`;
}

export function growthLine(rows: BenchRow[], sizes: number[]): string | null {
  if (rows.length < 2) return null;
  const parts: string[] = [];
  let allMet = true;
  for (let i = 1; i < rows.length; i += 1) {
    const dataRatio = sizes[i]! / sizes[i - 1]!;
    const timeRatio = rows[i]!.seconds / rows[i - 1]!.seconds;
    allMet &&= grewWithin(dataRatio, timeRatio);
    parts.push(`data ×${dataRatio.toFixed(1)} → Google s ×${timeRatio.toFixed(2)}`);
  }
  // With three sizes or more, the cost of each added unit of data must not rise either (fixed costs make a
  // ratio across sizes ten times apart an easy pass): the last step's seconds per unit against the first's.
  if (rows.length >= 3) {
    const marginal = (i: number) => (rows[i]!.seconds - rows[i - 1]!.seconds) / (sizes[i]! - sizes[i - 1]!);
    const first = marginal(1);
    const last = marginal(rows.length - 1);
    const met = last <= Math.max(first, 0) * 1.1 + 1e-9;
    allMet &&= met;
    parts.push(
      `seconds per added unit ${first.toExponential(2)} → ${last.toExponential(2)} (${met ? 'not rising' : 'RISING'})`,
    );
  }
  return `  growth: ${parts.join('; ')} (≤ about the data's ratio: ${allMet ? 'met' : 'MISS'})`;
}

export function measure(cases: BenchCase[], filter?: RegExp, log: (line: string) => void = console.log): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const benchCase of cases) {
    if (filter && !filter.test(benchCase.operation)) continue;
    const caseRows: BenchRow[] = [];
    for (const size of benchCase.sizes) {
      let row: BenchRow;
      try {
        row = rowOf(benchCase, size, benchCase.prepare(size));
      } catch (error) {
        // A size the spreadsheet cannot hold (Google's 10 million cells) is a finding, not a crash of the bench.
        log(
          `${pad(benchCase.operation, widths[0])} | ${pad(size.toLocaleString('en'), widths[1])} | FAILED: ${error instanceof Error ? error.message : String(error)}`,
        );
        continue;
      }
      const before = caseRows[caseRows.length - 1];
      const sizeBefore = benchCase.sizes[benchCase.sizes.indexOf(size) - 1];
      if (before && sizeBefore && caseRows.length === benchCase.sizes.indexOf(size))
        row.growth = growthCell(row, before, size / sizeBefore);
      caseRows.push(row);
      rows.push(row);
      log(formatRow(row));
    }
    const growth = caseRows.length === benchCase.sizes.length ? growthLine(caseRows, benchCase.sizes) : null;
    if (growth) log(growth);
  }
  return rows;
}

const widths = [48, 22, 8, 4, 6, 9, 9, 8, 30, 26];

export function formatHeader(): string {
  return [
    'operation',
    'data size',
    'CPU ms',
    'exec',
    'calls',
    'cells rd',
    'cells wr',
    'Google s',
    'target',
    'growth',
    'costliest calls; notes',
  ]
    .map((text, i) => (i < widths.length ? pad(text, widths[i]) : text))
    .join(' | ');
}

export function formatRow(row: BenchRow): string {
  const cells = [
    row.operation,
    row.size,
    row.cpuMs.toFixed(0),
    String(row.executions),
    String(row.calls),
    compact(row.cellsRead),
    compact(row.cellsWritten),
    row.seconds.toFixed(1),
    row.target,
    row.growth,
  ];
  const tail = [row.costliest, row.note].filter((text) => text !== '').join('; ');
  return [...cells.map((text, i) => pad(text, widths[i])), tail].join(' | ');
}

function compact(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (n >= 1e4) return `${(n / 1e3).toFixed(0)}k`;
  return String(n);
}

function pad(text: string, width = 10): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}
