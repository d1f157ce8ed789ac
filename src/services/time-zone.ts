// The spreadsheet's time zone as the domain's calendar needs it: the offset from UTC at an instant, read from
// Utilities.formatDate (which knows the zone's rules, past ones too). Asked per calendar year, not per date, so
// the calls do not grow with the data: a year whose 1 January and 1 July offsets agree has one offset; a year
// with daylight saving time has its two changes found by halving (about 13 calls each). A change that is undone
// within the same half-year is not seen: no zone a studio uses does that.
import type { ZoneOffset } from '../domain/cells/dates';

const HOUR_MS = 3600_000;

interface YearRule {
  /** Instants (epoch ms, whole hours) where the offset changes, with the offset from then on, in order. */
  changes: { at: number; offset: number }[];
  first: number;
}

export function zoneOffsetOf(zone: string): ZoneOffset {
  // One year's 1 January after the last is the next year's first: each instant asked once.
  const asked = new Map<number, number>();
  const ask = (ms: number): number => {
    const known = asked.get(ms);
    if (known !== undefined) return known;
    // "+0700", "-0500", "+0530"
    const text = Utilities.formatDate(new Date(ms), zone, 'Z');
    const sign = text.startsWith('-') ? -1 : 1;
    const offset = sign * (Number(text.slice(1, 3)) * 60 + Number(text.slice(3, 5)));
    asked.set(ms, offset);
    return offset;
  };
  /** The first whole hour in (from, to] with an offset other than `before`'s, `to` having it. */
  const findChange = (from: number, to: number, after: number): number => {
    let low = from;
    let high = to;
    while (high - low > HOUR_MS) {
      const middle = low + Math.floor((high - low) / HOUR_MS / 2) * HOUR_MS;
      if (ask(middle) === after) high = middle;
      else low = middle;
    }
    return high;
  };
  const years = new Map<number, YearRule>();
  const ruleOf = (year: number): YearRule => {
    const known = years.get(year);
    if (known) return known;
    const january = Date.UTC(year, 0, 1);
    const july = Date.UTC(year, 6, 1);
    const nextJanuary = Date.UTC(year + 1, 0, 1);
    const [atJanuary, atJuly, atNextJanuary] = [ask(january), ask(july), ask(nextJanuary)];
    const changes: YearRule['changes'] = [];
    if (atJuly !== atJanuary) changes.push({ at: findChange(january, july, atJuly), offset: atJuly });
    if (atNextJanuary !== atJuly)
      changes.push({ at: findChange(july, nextJanuary, atNextJanuary), offset: atNextJanuary });
    const rule = { first: atJanuary, changes };
    years.set(year, rule);
    return rule;
  };
  return (instantMs) => {
    const rule = ruleOf(new Date(instantMs).getUTCFullYear());
    let offset = rule.first;
    for (const change of rule.changes) if (instantMs >= change.at) offset = change.offset;
    return offset;
  };
}
