// The spreadsheet's time zone as the domain's calendar needs it: the offset from UTC at an instant, read from
// Utilities.formatDate (which knows the zone's DST rules). Offsets change only on whole UTC hours in the zones
// a studio uses, so each hour is asked once per execution.
import type { ZoneOffset } from '../domain/cells/dates';

const HOUR_MS = 3600_000;

export function zoneOffsetOf(zone: string): ZoneOffset {
  const byHour = new Map<number, number>();
  return (instantMs) => {
    const hour = Math.floor(instantMs / HOUR_MS);
    const known = byHour.get(hour);
    if (known !== undefined) return known;
    // "+0700", "-0500", "+0530"
    const text = Utilities.formatDate(new Date(hour * HOUR_MS), zone, 'Z');
    const sign = text.startsWith('-') ? -1 : 1;
    const minutes = sign * (Number(text.slice(1, 3)) * 60 + Number(text.slice(3, 5)));
    byHour.set(hour, minutes);
    return minutes;
  };
}
