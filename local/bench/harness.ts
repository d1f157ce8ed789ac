// The benchmark harness: each operation runs the real bundle in the emulator at growing data sizes;
// we report CPU time (not wall time) and the emulated Apps Script calls it cost.

export interface BenchCase {
  /** What staff would call it, e.g. "Set up database (second run)". */
  operation: string;
  sizes: number[];
  /** Builds the world for one size; returns the measured step. Setup is not measured. */
  prepare(size: number): { run(): void; calls(): Record<string, number>; sizeLabel?: string };
}

/** The usual measured step: the call counter reset, then one thing the add-on does. */
export function countedStep(
  emu: { rt: { resetCounts(): void; snapshotCounts(): Record<string, number> } },
  step: () => void,
  sizeLabel?: string,
): { run(): void; calls(): Record<string, number>; sizeLabel?: string } {
  return {
    run: () => {
      emu.rt.resetCounts();
      step();
    },
    calls: () => emu.rt.snapshotCounts(),
    ...(sizeLabel === undefined ? {} : { sizeLabel }),
  };
}

export interface BenchRow {
  operation: string;
  size: string;
  cpuMs: number;
  calls: number;
  topCalls: string;
}

export function measure(cases: BenchCase[], filter?: RegExp, log: (line: string) => void = console.log): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const benchCase of cases) {
    if (filter && !filter.test(benchCase.operation)) continue;
    for (const size of benchCase.sizes) {
      const prepared = benchCase.prepare(size);
      // A full collection of what setup left behind, so it does not land inside the measured step.
      (globalThis as { gc?: () => void }).gc?.();
      const before = process.cpuUsage();
      prepared.run();
      const used = process.cpuUsage(before);
      const calls = prepared.calls();
      const total = Object.values(calls).reduce((sum, n) => sum + n, 0);
      const top = Object.entries(calls)
        .sort(([, a], [, b]) => b - a)
        .slice(0, 4)
        .map(([name, n]) => `${name}×${n}`)
        .join(' ');
      const row = {
        operation: benchCase.operation,
        size: prepared.sizeLabel ?? size.toLocaleString('en'),
        cpuMs: (used.user + used.system) / 1000,
        calls: total,
        topCalls: top,
      };
      rows.push(row);
      log(formatRow(row));
    }
  }
  return rows;
}

const widths = [44, 16, 12, 8];

export function formatHeader(): string {
  return [
    pad('operation', widths[0]),
    pad('data size', widths[1]),
    pad('CPU ms', widths[2]),
    pad('calls', widths[3]),
    'most frequent calls',
  ].join(' | ');
}

export function formatRow(row: BenchRow): string {
  return [
    pad(row.operation, widths[0]),
    pad(row.size, widths[1]),
    pad(row.cpuMs.toFixed(0), widths[2]),
    pad(String(row.calls), widths[3]),
    row.topCalls,
  ].join(' | ');
}

function pad(text: string, width = 10): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}
