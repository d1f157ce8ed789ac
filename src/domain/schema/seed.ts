// The Settings rows setup writes once: documented defaults staff may change. A row staff already has
// (changed or not) is never touched again, so a second setup changes nothing.
import type { MessageKey } from '../../i18n';
import { DEFAULT_CORE_SETTINGS } from './settings';

export interface SettingSeed {
  key: string;
  /** The default; `valueKey`, when given, is the catalog text written instead, in the workbook's language. */
  value: string;
  valueKey?: MessageKey;
  /** What the row is for, a catalog key written in the workbook's language. */
  description: MessageKey;
}

/** The consent text shown on the registration form when Settings has none (a catalog key). */
export const DEFAULT_CONSENT_TEXT: MessageKey = 'forms.consentText.default';

/** Every seeded setting, with its default and its description's key. */
export function settingsSeed(): SettingSeed[] {
  return [
    { key: 'core.locale', value: '', description: 'settings.description.core.locale' },
    {
      key: 'core.studioName',
      value: DEFAULT_CORE_SETTINGS.studioName,
      description: 'settings.description.core.studioName',
    },
    { key: 'core.currency', value: DEFAULT_CORE_SETTINGS.currency, description: 'settings.description.core.currency' },
    {
      key: 'core.consentVersion',
      value: DEFAULT_CORE_SETTINGS.consentVersion,
      description: 'settings.description.core.consentVersion',
    },
    {
      key: 'forms.consentText',
      value: '',
      valueKey: DEFAULT_CONSENT_TEXT,
      description: 'settings.description.forms.consentText',
    },
  ];
}

/** The seeds whose key is not in Settings yet. */
export function missingSettings(seed: readonly SettingSeed[], existingKeys: Iterable<string>): SettingSeed[] {
  const present = new Set(existingKeys);
  return seed.filter((setting) => !present.has(setting.key));
}
