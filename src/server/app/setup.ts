// Menu "Set up / repair database" and the Problems view: what could not be read, sheet by sheet; and the
// studio's triggers, installed once for the whole studio by its one sending account.
import type { ProblemsView, SetupSummary } from '../../contract/sidebar-api';
import type { RowProblem, SheetKey } from '../../domain/schema';
import type { Locale } from '../../domain/types';
import { translate } from '../../i18n';
import { readCoreSettings, readTable, setUpWorkbook, writeProblemsIfChanged, type Workbook } from '../../sheets';
import { moveLedgerCodes } from '../../sheets/relabel';
import { openForm } from '../../services/forms';
import { withLock } from '../../services/locks';
import { currentAccount, readSendingAccount, recordSendingAccount } from '../../services/sending-account';
import {
  continuationUids,
  ensureFormSubmitTrigger,
  ensureTimeTrigger,
  ownTriggers,
  readTriggerRegister,
  writeTriggerRegister,
  type RegisteredTrigger,
  type TimeTriggerSpec,
} from '../../services/triggers';
import { storedForm } from '../intake/intake';
import { ledgerCodeSentence } from '../loyalty/loyalty-words';
import { problemsView } from './problems-view';
import { UserFacingError } from './respond';
import { asStaff, tell } from './staff';

/** The sheets staff type records into: their unreadable cells are the Problems list. */
const CHECKED: readonly SheetKey[] = ['clients', 'orders', 'feedback', 'requests', 'loyalty'];

/** The nightly run's hour, on the spreadsheet's clock (the trigger is installed in the spreadsheet's zone). */
export const NIGHTLY_HOUR = 3;
export const FORM_HANDLER = 'onFormResponse';
/** Google's limit of triggers per user per script. */
const TRIGGER_LIMIT = 20;

/** The studio's recurring time-driven triggers; every one is installed once, by the sending account. */
export const TIME_TRIGGERS: readonly TimeTriggerSpec[] = [
  { handler: 'runNightly', everyDaysAtHour: NIGHTLY_HOUR },
  { handler: 'runHourly', everyHours: 1 },
  // Starts a Send pressed by another staff member within minutes; does nothing when nothing waits.
  { handler: 'continueCampaigns', everyMinutes: 10 },
];
const STUDIO_HANDLERS = new Set([...TIME_TRIGGERS.map((spec) => spec.handler), FORM_HANDLER]);

/** Creates what is missing, seeds Settings, installs the shared triggers, refreshes Problems; says what it did. */
export function setupDatabase(): SetupSummary {
  return asStaff((book, locale) => {
    const report = setUpWorkbook(book);
    // A ledger from before the Reason code column: its Reason cells' machine suffixes move into the new column.
    if (report.columnsAdded > 0) {
      const currency = readCoreSettings(book).settings.currency;
      moveLedgerCodes(book, (code) => ledgerCodeSentence(code, book.locale, currency));
    }
    const triggers = installStudioTriggers(book);
    const problems = checkProblems(book);
    const changed = report.sheetsCreated.length + report.columnsAdded + report.settingsAdded + report.idsAssigned > 0;
    const done = changed
      ? translate(locale, 'database.setup.done', {
          sheets: report.sheetsCreated.length,
          columns: report.columnsAdded,
          settings: report.settingsAdded,
          problems: problems.length,
        })
      : translate(locale, 'database.setup.unchanged', { problems: problems.length });
    const message = [done, triggerSentence(locale, triggers), zoneSentence(book, locale)]
      .filter((sentence) => sentence !== '')
      .join(' ');
    tell(message, locale);
    return {
      sheetsCreated: report.sheetsCreated,
      columnsAdded: report.columnsAdded,
      settingsAdded: report.settingsAdded,
      problems: problems.length,
      message,
    };
  });
}

/** Reads every checked sheet once and rewrites Problems when the list changed; answers the list. */
export function refreshProblems(): ProblemsView {
  return asStaff((book, locale) => problemsView(book, locale, checkProblems(book)));
}

function checkProblems(book: Workbook): RowProblem[] {
  const problems = CHECKED.flatMap((key) => readTable(book, key).problems);
  writeProblemsIfChanged(book, problems, new Date());
  return problems;
}

/** What pressing Setup or Create forms did about the triggers. */
export type TriggerInstall =
  | { installedBy: 'me'; created: number }
  | { installedBy: 'other'; sendingAccount: string; me: string; removed: number };

/**
 * The first account to install becomes the studio's sending account; only that account installs. Another
 * account installs nothing (its triggers would run a second copy of every job, sending from its own Gmail)
 * and any studio triggers it still owns from before a hand-over are deleted: only their owner can.
 */
export function installStudioTriggers(book: Workbook): TriggerInstall {
  const me = currentAccount();
  return withLock('script', () => {
    const recorded = readSendingAccount();
    if (me === '' || (recorded !== null && recorded !== me))
      return { installedBy: 'other', sendingAccount: recorded ?? '', me, removed: me ? removeOwnStudioTriggers() : 0 };
    if (recorded === null) recordSendingAccount(me);
    return { installedBy: 'me', created: installOwnTriggers(book, me) };
  });
}

/** Installs every studio trigger the caller does not own yet and registers them; answers how many it created. */
function installOwnTriggers(book: Workbook, me: string): number {
  const own = ownTriggers();
  const forms = (['registration', 'feedback'] as const).flatMap((kind) => {
    const stored = storedForm(kind);
    const form = stored ? openForm(stored.id) : null;
    return form ? [form] : [];
  });
  const needed = TIME_TRIGGERS.length + forms.length;
  const studioOwned = own.filter((trigger) => STUDIO_HANDLERS.has(trigger.handler)).length;
  if (own.length - studioOwned + needed > TRIGGER_LIMIT)
    throw new UserFacingError('database.forms.tooManyTriggers', { count: own.length });
  const zone = book.spreadsheet.getSpreadsheetTimeZone();
  const now = new Date().toISOString();
  const mine: RegisteredTrigger[] = [];
  let created = 0;
  for (const spec of TIME_TRIGGERS) {
    const installed = ensureTimeTrigger(spec, own, zone);
    if (installed.created) created += 1;
    mine.push({ handler: spec.handler, uid: installed.uid, owner: me, sourceId: '', installedAt: now });
  }
  for (const form of forms) {
    const installed = ensureFormSubmitTrigger(FORM_HANDLER, form, own);
    if (installed.created) created += 1;
    mine.push({ handler: FORM_HANDLER, uid: installed.uid, owner: me, sourceId: form.getId(), installedAt: now });
  }
  const kept = new Map(readTriggerRegister().map((entry) => [entry.uid, entry]));
  const others = [...kept.values()].filter((entry) => entry.owner !== me);
  writeTriggerRegister([
    ...mine.map((entry) => ({ ...entry, installedAt: kept.get(entry.uid)?.installedAt ?? entry.installedAt })),
    ...others,
  ]);
  return created;
}

/** Deletes the caller's own studio triggers (one-off continuations stay) and forgets them in the register. */
export function removeOwnStudioTriggers(): number {
  const me = currentAccount();
  const register = readTriggerRegister();
  const registered = new Set(register.filter((entry) => entry.owner === me).map((entry) => entry.uid));
  const oneOffs = continuationUids();
  let removed = 0;
  for (const trigger of ownTriggers()) {
    const recurring =
      registered.has(trigger.uid) || (STUDIO_HANDLERS.has(trigger.handler) && !oneOffs.has(trigger.uid));
    if (!recurring) continue;
    ScriptApp.deleteTrigger(trigger.trigger);
    removed += 1;
  }
  if (registered.size > 0) writeTriggerRegister(register.filter((entry) => entry.owner !== me));
  return removed;
}

/** Menu and Settings: "Make me the sending account": this account takes over the triggers and the mail. */
export function becomeSendingAccount(): string {
  return asStaff((book, locale) => {
    const me = currentAccount();
    if (me === '') throw new UserFacingError('install.account.unknown');
    const previous = withLock('script', () => {
      const before = readSendingAccount();
      recordSendingAccount(me);
      installOwnTriggers(book, me);
      return before;
    });
    const message =
      previous === null || previous === me
        ? translate(locale, 'install.handover.already', { me })
        : translate(locale, 'install.handover.done', { me, previous });
    tell(message, locale);
    return message;
  });
}

export function triggerSentence(locale: Locale, install: TriggerInstall): string {
  if (install.installedBy === 'me')
    return install.created > 0 ? translate(locale, 'install.triggers.installed', { count: install.created }) : '';
  if (install.me === '') return translate(locale, 'install.account.unknown');
  return translate(locale, 'install.triggers.ownedByOther', {
    owner: install.sendingAccount,
    me: install.me,
    removed: install.removed,
  });
}

/** Said when the spreadsheet's and the script's clocks differ: the studio's days follow the spreadsheet's. */
export function zoneSentence(book: Workbook, locale: Locale): string {
  const sheet = book.spreadsheet.getSpreadsheetTimeZone();
  const script = Session.getScriptTimeZone();
  return sheet === script ? '' : translate(locale, 'install.zones.differ', { sheet, script });
}
