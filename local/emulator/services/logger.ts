// Logger and console: what the script logs lands in one host list tests and the playground read.
import { format } from 'node:util';
import type { Runtime } from '../runtime';
import { formatSimpleDate } from './simple-date-format';
import { formatJavaString } from './utilities';

export type LogLevel = 'Logger' | 'log' | 'info' | 'warn' | 'error' | 'debug';

export interface LogEntry {
  level: LogLevel;
  message: string;
  at: number;
  /** The cause of the execution that logged it (`trigger:fn`, `client:fn`…), null outside one. */
  execution: string | null;
}

export function createLogger(rt: Runtime, deps: { timeZone(): string }) {
  let entries: LogEntry[] = [];
  /**
   * Logger.getLog() holds only the current execution's lines, as on Google; Logger.clear() empties them.
   * The host list keeps everything.
   */
  let loggerLines: { execution: object | null; line: string }[] = [];

  const record = (level: LogLevel, message: string) => {
    const at = rt.clock.now();
    entries.push({ level, message, at, execution: rt.execution?.cause ?? null });
    return at;
  };

  const Logger = {
    log(data?: unknown, ...values: unknown[]) {
      rt.call('Logger', 'log');
      const message = typeof data === 'string' && values.length > 0 ? formatJavaString(data, values) : describe(data);
      const at = record('Logger', message);
      const line = `[${formatSimpleDate(at, deps.timeZone(), 'yy-MM-dd HH:mm:ss:SSS z')}] ${message}`;
      loggerLines.push({ execution: rt.execution, line });
      return Logger;
    },
    getLog(): string {
      rt.call('Logger', 'getLog');
      return loggerLines
        .filter((entry) => entry.execution === rt.execution)
        .map((entry) => `${entry.line}\n`)
        .join('');
    },
    clear(): void {
      rt.call('Logger', 'clear');
      loggerLines = loggerLines.filter((entry) => entry.execution !== rt.execution);
    },
  };

  const consoleMethod =
    (level: Exclude<LogLevel, 'Logger'>) =>
    (...args: unknown[]) => {
      rt.call('console', level);
      record(level, format(...args));
    };

  const console = {
    log: consoleMethod('log'),
    info: consoleMethod('info'),
    warn: consoleMethod('warn'),
    error: consoleMethod('error'),
    debug: consoleMethod('debug'),
  };

  const host = {
    entries: (): readonly LogEntry[] => entries,
    /** Just the messages, e.g. to assert what a run logged. */
    messages: (level?: LogLevel): string[] => entries.filter((e) => !level || e.level === level).map((e) => e.message),
    clear(): void {
      entries = [];
      loggerLines = [];
    },
    // Logger.getLog() lines belong to an execution, and none outlives a save: they are not kept.
    toJSON: () => ({ entries: structuredClone(entries) }),
    restore(json: { entries: LogEntry[] }): void {
      entries = structuredClone(json.entries);
      loggerLines = [];
    },
  };

  return { globals: { Logger, console }, host };
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return 'undefined';
  if (typeof value === 'object' && value !== null && Object.prototype.toString.call(value) !== '[object Date]') {
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}

export type LoggerHost = ReturnType<typeof createLogger>['host'];
