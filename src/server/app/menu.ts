// The Studio CRM menu. onOpen may run with AuthMode.NONE (an add-on not yet used in this document):
// it builds the menu and does nothing else; with the document readable, the menu speaks Settings' language.
import { translate, type Locale } from '../../i18n';
import { openWorkbook } from '../../sheets';
import { staffLocale } from './respond';
import { staffLocaleFor } from './staff';

/** Menu captions and the top-level functions they call; every function here must be exported by index.ts. */
export const MENU_ITEMS = [
  ['menu.openSidebar', 'openSidebar'],
  ['menu.setupDatabase', 'setupDatabase'],
  ['menu.createForms', 'createForms'],
  ['menu.refreshAnalysis', 'refreshAnalysis'],
  null,
  ['menu.newCampaign', 'openCampaigns'],
  ['menu.automations', 'openAutomations'],
  ['menu.settings', 'openSettings'],
  null,
  ['menu.checkInstallation', 'checkInstallation'],
  ['menu.becomeSendingAccount', 'becomeSendingAccount'],
  ['menu.help', 'showHelp'],
] as const;

export function onOpen(event?: GoogleAppsScript.Events.SheetsOnOpen): void {
  buildMenu(menuLocale(event));
}

/** The staff language from Settings when the document may be read; under NONE (or if reading fails) the account's. */
function menuLocale(event?: GoogleAppsScript.Events.SheetsOnOpen): Locale {
  if (!event || String(event.authMode) === 'NONE') return staffLocale();
  try {
    return staffLocaleFor(openWorkbook());
  } catch {
    return staffLocale();
  }
}

/** The menu in `locale`; also rebuilt when staff switch the language in Settings. */
export function buildMenu(locale: Locale): void {
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const item of MENU_ITEMS) {
    if (item === null) menu.addSeparator();
    else menu.addItem(translate(locale, item[0]), item[1]);
  }
  menu.addToUi();
}

export function onInstall(event?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(event as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}
