// LockService: a lock belongs to the execution that took it and is released when that execution ends.
import { AppsScriptError, type Runtime } from '../runtime';
import { scopedGetters, signatureError, type ServiceDeps } from './context';

export const LOCK_TIMEOUT_MESSAGE = 'Lock timeout: another process was holding the lock for too long.';

export interface LockDeps extends Pick<ServiceDeps, 'context'> {
  userEmail(): string;
  documentId(): string | null;
}

/** Execution id 0 stands for work done outside any execution (a test calling a service directly). */
const OUTSIDE = 0;

export function createLock(rt: Runtime, deps: LockDeps) {
  /** Lock name (`script`, `user:<email>`, `document:<id>`) → the execution holding it. */
  const holders = new Map<string, number>();
  const current = () => rt.execution?.id ?? OUTSIDE;

  rt.onExecutionEnd((execution) => {
    for (const [name, holder] of holders) if (holder === execution.id) holders.delete(name);
  });

  /**
   * Executions are synchronous: a holder is always an execution further out on the stack, which cannot
   * release before the one asking ends. So a contested lock is never granted: the asker waits out its timeout.
   */
  const acquire = (name: string, call: string, timeout: unknown): boolean => {
    if (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout < 0) throw signatureError(call, [timeout]);
    const holder = holders.get(name);
    if (holder === undefined || holder === current()) {
      holders.set(name, current());
      return true;
    }
    rt.clock.advance(Math.floor(timeout));
    return false;
  };

  const lockOf = (name: string) => {
    let acquired = false;
    return {
      tryLock(timeoutInMillis: unknown): boolean {
        rt.call('Lock', 'tryLock');
        const granted = acquire(name, 'Lock.tryLock', timeoutInMillis);
        if (granted) acquired = true;
        return granted;
      },
      waitLock(timeoutInMillis: unknown): void {
        rt.call('Lock', 'waitLock');
        if (!acquire(name, 'Lock.waitLock', timeoutInMillis)) throw new AppsScriptError(LOCK_TIMEOUT_MESSAGE);
        acquired = true;
      },
      releaseLock(): void {
        rt.call('Lock', 'releaseLock');
        if (acquired && holders.get(name) === current()) holders.delete(name);
        acquired = false;
      },
      hasLock(): boolean {
        rt.call('Lock', 'hasLock');
        return acquired && holders.get(name) === current();
      },
    };
  };

  const LockService = scopedGetters(rt, 'LockService', 'Lock', deps, lockOf);

  const host = {
    /** Locks now held, by name, with the id of the execution holding each (0: outside any execution). */
    held(): Record<string, number> {
      return Object.fromEntries(holders);
    },
    /** Locks die with their executions; only those taken outside any execution outlive them. */
    toJSON(): Record<string, number> {
      return Object.fromEntries([...holders].filter(([, holder]) => holder === OUTSIDE));
    },
    restore(json: Record<string, number>): void {
      holders.clear();
      for (const [name, holder] of Object.entries(json)) holders.set(name, holder);
    },
  };

  return { globals: { LockService }, host };
}

export type LockHost = ReturnType<typeof createLock>['host'];
