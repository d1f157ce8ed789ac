// The last runs of each trigger and the run time they used, in script properties (one key per handler),
// so Check installation can show them to every staff member: Google's executions log is the owner's alone.
import { readJsonProperty, writeJsonProperty, type ScriptSnapshot } from './properties';

export interface TriggerRun {
  /** Epoch ms. */
  startedAt: number;
  /** Null while running, or when the run was cut off (killed, over the time limit). */
  endedAt: number | null;
  error: string;
  account: string;
}

interface TriggerRunLog {
  runs: TriggerRun[];
  /** Milliseconds of run time by the hour it started in (epoch hour), the last 24 hours only. */
  usedByHour: Record<string, number>;
}

const RUN_PREFIX = 'crm.runs.';
const KEPT_RUNS = 5;
const HOUR_MS = 3600_000;
const DAY_HOURS = 24;
/** An error's text is cut here: the whole log must stay far under the 9 KB a property value may hold. */
const ERROR_CHARS = 300;

function readLog(handler: string, snapshot?: ScriptSnapshot): TriggerRunLog {
  return readJsonProperty<TriggerRunLog>(RUN_PREFIX + handler, { runs: [], usedByHour: {} }, snapshot);
}

/** Records a run's start; answers the function that records its end (with the error, if any). */
export function startTriggerRun(handler: string, account: string, snapshot?: ScriptSnapshot): (error: string) => void {
  const log = readLog(handler, snapshot);
  const run: TriggerRun = { startedAt: Date.now(), endedAt: null, error: '', account };
  log.runs = [run, ...log.runs].slice(0, KEPT_RUNS);
  writeJsonProperty(RUN_PREFIX + handler, log);
  return (error) => {
    run.endedAt = Date.now();
    run.error = error.slice(0, ERROR_CHARS);
    const hour = String(Math.floor(run.startedAt / HOUR_MS));
    const oldest = Math.floor(run.endedAt / HOUR_MS) - DAY_HOURS;
    const used: Record<string, number> = {};
    for (const [key, ms] of Object.entries(log.usedByHour)) if (Number(key) > oldest) used[key] = ms;
    used[hour] = (used[hour] ?? 0) + (run.endedAt - run.startedAt);
    log.usedByHour = used;
    writeJsonProperty(RUN_PREFIX + handler, log);
  };
}

export interface TriggerRunSummary {
  handler: string;
  runs: TriggerRun[];
  /** Run time used in the last 24 hours, by the runs this log saw. */
  usedMs: number;
}

export function readTriggerRuns(handler: string, now: number = Date.now()): TriggerRunSummary {
  const log = readLog(handler);
  const oldest = Math.floor(now / HOUR_MS) - DAY_HOURS;
  const usedMs = Object.entries(log.usedByHour)
    .filter(([key]) => Number(key) > oldest)
    .reduce((sum, [, ms]) => sum + ms, 0);
  return { handler, runs: log.runs, usedMs };
}
