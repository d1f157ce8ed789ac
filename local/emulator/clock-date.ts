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
  // A plain function in front of the class, so `Date()` without `new` gives the current time as a string, as
  // the built-in does. (A Proxy with an apply trap did the same, but constructing through a Proxy costs ~5 µs
  // a date; every date cell read builds one.) It hands back the class's own instances, so the prototype,
  // statics and instanceof are the class's; a script's subclass goes the slow, general way.
  function DateGlobal(this: unknown, ...args: unknown[]): unknown {
    if (new.target === undefined) return new ClockDate().toString();
    if (new.target !== DateGlobal) return Reflect.construct(ClockDate, args, new.target);
    return new ClockDate(...args);
  }
  Object.setPrototypeOf(DateGlobal, ClockDate);
  Object.defineProperty(DateGlobal, 'prototype', { value: ClockDate.prototype, writable: false });
  Object.defineProperty(DateGlobal, 'name', { value: 'Date' });
  Object.defineProperty(ClockDate, 'name', { value: 'Date' });
  return DateGlobal as unknown as DateConstructor;
}
