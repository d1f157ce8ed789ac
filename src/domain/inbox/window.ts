// Which span of mail one hourly run reads: from the stored position to at most `windowHours` later, narrowed
// while a search would return more threads than a run may read, so the position only moves past mail read.

export interface MailWindow {
  /** Epoch ms: mail strictly after this… */
  after: number;
  /** …and at or before this. */
  until: number;
}

const SECOND = 1000;
const MINIMUM_SPAN = 60 * SECOND;

/** How far back the very first run reads: replies and bounces of the mail of the last week. */
export const FIRST_LOOK_BACK_MS = 7 * 24 * 3600 * SECOND;

/** The next window to read from `position`; with none yet, from FIRST_LOOK_BACK_MS before now. */
export function firstWindow(position: number | null, now: number, windowHours: number): MailWindow {
  const span = windowHours * 3600 * SECOND;
  const after = Math.floor((position ?? now - FIRST_LOOK_BACK_MS) / SECOND) * SECOND;
  return { after, until: Math.min(now, after + span) };
}

/** Half the window, kept at least a minute: a minute with more threads than a run's budget is read anyway. */
export function narrower(window: MailWindow): MailWindow | null {
  const span = window.until - window.after;
  if (span <= MINIMUM_SPAN) return null;
  return { after: window.after, until: window.after + Math.max(MINIMUM_SPAN, Math.floor(span / 2 / SECOND) * SECOND) };
}

/**
 * The Gmail query for a window, mail not sent by us (archived too: staff may archive before the run): epoch seconds (Gmail reads them exactly; dates it reads in its own zone), widened
 * by a second on each side because the bounds' inclusiveness is not documented; the caller keeps (after, until].
 */
export function windowQuery(window: MailWindow): string {
  return `-from:me after:${Math.floor(window.after / SECOND) - 1} before:${Math.ceil(window.until / SECOND) + 1}`;
}

export function inWindow(window: MailWindow, date: Date): boolean {
  return date.getTime() > window.after && date.getTime() <= window.until;
}
