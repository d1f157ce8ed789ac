// The studio's one target for answering a client request: the goal the Overview colours, the KPI's "within
// target" share, the open requests' waits and the Telegram alerts all read it from here.
import { settingValue, type SettingEntry } from '../schema/settings';
import type { Locale } from '../types';
import { DEFAULT_GOAL_SETTINGS } from './settings';

/** The one Settings row for it, in hours (the Settings form shows it once, with the goals). */
export const RESPONSE_TARGET_KEY = 'analysis.goalResponseHours';

/**
 * Rows older sheets kept the same target in, in minutes: read in this order while the one row is blank, so a
 * studio that set one of them keeps its target. The form does not list them.
 */
export const OLDER_RESPONSE_TARGET_KEYS: readonly string[] = [
  'inbox.responseTargetMinutes',
  'telegram.responseTargetMinutes',
];

function positive(entries: readonly SettingEntry[], key: string, locale: Locale): number | null {
  const entry = entries.find((candidate) => candidate.key === key);
  if (!entry || entry.value === null || entry.value === '') return null;
  const value = settingValue(entry.value, 0, locale);
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}

/** The target in hours: the one row, else the first older row that holds a positive number, else 2 h. */
export function responseTargetHours(entries: readonly SettingEntry[], locale: Locale): number {
  const hours = positive(entries, RESPONSE_TARGET_KEY, locale);
  if (hours !== null) return hours;
  for (const key of OLDER_RESPONSE_TARGET_KEYS) {
    const minutes = positive(entries, key, locale);
    if (minutes !== null) return minutes / 60;
  }
  return DEFAULT_GOAL_SETTINGS.goalResponseHours;
}

/** The same target in whole minutes (the waits are counted in minutes). */
export function responseTargetMinutes(entries: readonly SettingEntry[], locale: Locale): number {
  return Math.max(1, Math.round(responseTargetHours(entries, locale) * 60));
}
