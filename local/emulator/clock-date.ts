// The `Date` a bundle sees: `new Date()` and `Date.now()` read the emulator clock, everything else is Date's own.
import type { Clock } from './runtime';

export function createClockDate(clock: Clock): DateConstructor {
  class ClockDate extends Date {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(clock.now());
      else super(...(args as [string | number | Date]));
    }
    static override now(): number {
      return clock.now();
    }
  }
  Object.defineProperty(ClockDate, 'name', { value: 'Date' });
  // `Date()` called without `new` gives the current time as a string, as the built-in does.
  return new Proxy(ClockDate, {
    apply: () => new ClockDate().toString(),
  }) as unknown as DateConstructor;
}
