// Estimated Google seconds from emulated counts, by ../shared/google-cost-model.json (its .md gives the
// sources and the formula): executionStart + Σ calls (fixed + perCell × cells) + jsCpuFactor × CPU s.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface CallCost {
  fixed: number;
  perCell?: number;
}

interface CostModelFile {
  executionStart: { s: number };
  jsCpuFactor: { x: number };
  calls: Record<string, CallCost> & { default: CallCost };
}

const here = dirname(fileURLToPath(import.meta.url));
/** The shared standards folder beside the repository (the same for every worktree). */
export const COST_MODEL_PATH = join(here, '..', '..', '..', 'shared', 'google-cost-model.json');

const model = JSON.parse(readFileSync(COST_MODEL_PATH, 'utf8')) as CostModelFile;

/** What one execution (or the calls made outside any) did: calls and cells by `Class.method`, CPU seconds. */
export interface Usage {
  calls: Record<string, number>;
  cells: Record<string, number>;
  cpuSeconds: number;
}

/** Calls the model has no entry of their own for, priced as one it has: findNext scans as findAll does. */
const PRICED_AS: Record<string, string> = { 'TextFinder.findNext': 'TextFinder.findAll' };

/** The price of one kind of call: the model's entry, or its `default` for a call it does not list. */
export function costOf(call: string): CallCost {
  return model.calls[call] ?? model.calls[PRICED_AS[call] ?? ''] ?? model.calls.default;
}

/** Google seconds of the service calls alone, by `Class.method`. */
export function callSeconds(usage: Pick<Usage, 'calls' | 'cells'>): Record<string, number> {
  const seconds: Record<string, number> = {};
  for (const [call, n] of Object.entries(usage.calls)) {
    const cost = costOf(call);
    seconds[call] = n * cost.fixed + (cost.perCell ?? 0) * (usage.cells[call] ?? 0);
  }
  return seconds;
}

/** The estimate for one execution; `started` false for calls made outside any execution (no start cost). */
export function estimateSeconds(
  usage: Usage,
  started = true,
): { total: number; service: number; js: number; start: number } {
  const service = Object.values(callSeconds(usage)).reduce((sum, s) => sum + s, 0);
  const js = model.jsCpuFactor.x * usage.cpuSeconds;
  const start = started ? model.executionStart.s : 0;
  return { total: start + service + js, service, js, start };
}

export const JS_CPU_FACTOR = model.jsCpuFactor.x;
export const EXECUTION_START_S = model.executionStart.s;
