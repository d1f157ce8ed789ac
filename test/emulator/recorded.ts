// A test script's record of what its handlers saw. Module variables do not outlive an execution (each one
// evaluates the file afresh, as on Google), so handlers log `record('<list>', value)` and the test reads the log.
import type { Emulator } from '../../local/emulator';

/** Script text defining `record(list, value)`: one console.info line per value. */
export const RECORD_FUNCTION = `function record(list, value) { console.info(list + ' ' + JSON.stringify(value)); }`;

/** The values recorded in `list` so far, oldest first (JSON round-tripped: undefined members are gone). */
export function recorded<T = Record<string, unknown>>(emu: Emulator, list: string, since = 0): T[] {
  return emu.logs
    .messages('info')
    .filter((message) => message.startsWith(`${list} `))
    .slice(since)
    .map((message) => JSON.parse(message.slice(list.length + 1)) as T);
}
