// Menu "Check installation": the first thing a studio runs after installing on Google. In the staff's
// language: the sending account and who is looking, each trigger (installed once? by whom?), the two time
// zones, the web app's URL, mail quota and trigger run time left, the last runs and their errors, and what to
// do about each problem. Google shows each account only its own triggers, so the rest comes from the register
// the installing account keeps in script properties (src/services/triggers.ts).
import type { CheckStatus, InstallationCheck, InstallationReport } from '../../contract/installation';
import type { Locale } from '../../domain/types';
import { translate, type MessageKey, type MessageParams } from '../../i18n';
import { remainingMailQuota } from '../../services/mailer';
import { currentAccount, readSendingAccount } from '../../services/sending-account';
import { readTriggerRuns, type TriggerRun } from '../../services/trigger-runs';
import { continuationUids, ownTriggers, readTriggerRegister } from '../../services/triggers';
import { FORM_HANDLER, TIME_TRIGGERS } from './setup';
import { asStaff } from './staff';

/** A run still open this long after it started was cut off: Google stops an execution at six minutes. */
const CUT_OFF_AFTER_MS = 6 * 60_000 + 30_000;
const HANDLERS = [...TIME_TRIGGERS.map((spec) => spec.handler), FORM_HANDLER];

/** The menu item: a dialog that asks the server for the report (src/ui/check-installation.ts). */
export function checkInstallation(): void {
  asStaff((_book, locale) => {
    const page = HtmlService.createHtmlOutputFromFile('check-installation')
      .setWidth(560)
      .setHeight(640)
      .setTitle(translate(locale, 'install.check.title'));
    SpreadsheetApp.getUi().showModalDialog(page, translate(locale, 'install.check.title'));
  });
}

/** The report the dialog shows (google.script.run). */
export function getInstallationReport(): InstallationReport {
  return asStaff((book, locale) => {
    const zone = book.spreadsheet.getSpreadsheetTimeZone();
    const say = (key: MessageKey, params: MessageParams = {}) => translate(locale, key, params);
    const at = (ms: number) => Utilities.formatDate(new Date(ms), zone, 'yyyy-MM-dd HH:mm');
    const me = currentAccount();
    const owner = readSendingAccount();
    const isOwner = owner !== null && owner === me;
    const checks: InstallationCheck[] = [];
    const add = (id: string, status: CheckStatus, title: string, detail: string, fix = '') =>
      checks.push({ id, status, title, detail, fix });

    // Who sends, and who is looking.
    if (owner === null)
      add(
        'account',
        'problem',
        say('install.check.account'),
        say('install.check.account.none', { me }),
        say('install.check.fix.setup'),
      );
    else if (isOwner) add('account', 'ok', say('install.check.account'), say('install.check.account.you', { me }));
    else
      add(
        'account',
        'warning',
        say('install.check.account'),
        say('install.check.account.other', { owner, me: me || '—' }),
        say('install.check.fix.handover'),
      );

    // Each trigger: the caller's own are seen; the others' come from the register, as recorded at install.
    const oneOffs = continuationUids();
    const own = ownTriggers().filter((trigger) => !oneOffs.has(trigger.uid));
    const register = readTriggerRegister();
    add('triggers', 'ok', say('install.check.triggers'), say('install.check.triggers.visibility', { me: me || '—' }));
    for (const handler of HANDLERS) {
      const expected = handler === FORM_HANDLER ? 2 : 1;
      const mineNow = own.filter((trigger) => trigger.handler === handler).length;
      const registered = register.filter((entry) => entry.handler === handler);
      const owners = [...new Set(registered.map((entry) => entry.owner))];
      const title = say('install.check.trigger', { handler: handlerName(locale, handler) });
      const byWhom = owners.join(', ') || '—';
      const stale = owners.filter((account) => account !== owner);
      if (registered.length === 0 && mineNow === 0)
        add(
          `trigger:${handler}`,
          'problem',
          title,
          say('install.check.trigger.missing'),
          say(isOwner || owner === null ? 'install.check.fix.setup' : 'install.check.fix.ownerSetup', {
            owner: owner ?? '',
          }),
        );
      else if (stale.length > 0)
        add(
          `trigger:${handler}`,
          'problem',
          title,
          say('install.check.trigger.stale', { owners: stale.join(', ') }),
          say('install.check.fix.stale', { owners: stale.join(', ') }),
        );
      else if (isOwner && mineNow !== registered.length)
        add(
          `trigger:${handler}`,
          'problem',
          title,
          say('install.check.trigger.mismatch', { seen: mineNow, recorded: registered.length }),
          say('install.check.fix.setup'),
        );
      else if (!isOwner && mineNow > 0)
        add(
          `trigger:${handler}`,
          'problem',
          title,
          say('install.check.trigger.yoursExtra', { count: mineNow }),
          say('install.check.fix.setupRemoves'),
        );
      else if (registered.length > expected)
        add(
          `trigger:${handler}`,
          'problem',
          title,
          say('install.check.trigger.twice', { count: registered.length, owner: byWhom }),
          say('install.check.fix.setup'),
        );
      else
        add(
          `trigger:${handler}`,
          'ok',
          title,
          say('install.check.trigger.once', { count: registered.length, owner: byWhom }),
        );
    }

    // The two clocks.
    const script = Session.getScriptTimeZone();
    if (zone === script) add('zones', 'ok', say('install.check.zones'), say('install.check.zones.same', { zone }));
    else
      add(
        'zones',
        'warning',
        say('install.check.zones'),
        say('install.zones.differ', { sheet: zone, script }),
        say('install.check.fix.zones'),
      );

    // The web app: unsubscribe links need its /exec URL.
    const url = ScriptApp.getService().getUrl();
    if (!url)
      add(
        'webApp',
        'problem',
        say('install.check.webApp'),
        say('install.check.webApp.missing'),
        say('install.check.fix.deploy'),
      );
    else if (!/\/exec(\?|$)/.test(url))
      add(
        'webApp',
        'problem',
        say('install.check.webApp'),
        say('install.check.webApp.dev', { url }),
        say('install.check.fix.deploy'),
      );
    else add('webApp', 'ok', say('install.check.webApp'), url);

    // Mail quota: MailApp answers for the account asking.
    const quota = remainingMailQuota();
    add(
      'mailQuota',
      quota > 0 ? 'ok' : 'problem',
      say('install.check.mailQuota'),
      say(isOwner ? 'install.check.mailQuota.yours' : 'install.check.mailQuota.notOwner', {
        count: quota,
        owner: owner ?? '—',
      }),
      quota > 0 ? '' : say('install.check.fix.quota'),
    );

    // Trigger run time over the last 24 hours, from the recorded runs of the sending account.
    const summaries = HANDLERS.map((handler) => readTriggerRuns(handler));
    const usedMinutes = Math.round(summaries.reduce((sum, summary) => sum + summary.usedMs, 0) / 60_000);
    add(
      'runTime',
      usedMinutes >= 80 ? 'warning' : 'ok',
      say('install.check.runTime'),
      say('install.check.runTime.used', { minutes: usedMinutes }),
      usedMinutes >= 80 ? say('install.check.fix.runTime') : '',
    );

    // The last runs of each trigger.
    const now = Date.now();
    for (const summary of summaries) {
      const title = say('install.check.runs', { handler: handlerName(locale, summary.handler) });
      const last = summary.runs[0];
      if (!last) {
        add(
          `runs:${summary.handler}`,
          'warning',
          title,
          say('install.check.runs.none'),
          say('install.check.fix.noRuns'),
        );
        continue;
      }
      const lines = summary.runs.map((run) => runLine(locale, run, at, now));
      const failed = last.error !== '' || (last.endedAt === null && now - last.startedAt > CUT_OFF_AFTER_MS);
      add(
        `runs:${summary.handler}`,
        failed ? 'problem' : 'ok',
        title,
        lines.join('\n'),
        failed ? say('install.check.fix.runError') : '',
      );
    }
    return { title: say('install.check.title'), checks };
  });
}

function runLine(locale: Locale, run: TriggerRun, at: (ms: number) => string, now: number): string {
  const started = at(run.startedAt);
  if (run.endedAt === null)
    return translate(
      locale,
      now - run.startedAt > CUT_OFF_AFTER_MS ? 'install.check.run.cutOff' : 'install.check.run.running',
      { at: started, account: run.account },
    );
  const seconds = Math.round((run.endedAt - run.startedAt) / 1000);
  return run.error
    ? translate(locale, 'install.check.run.failed', { at: started, seconds, error: run.error, account: run.account })
    : translate(locale, 'install.check.run.ok', { at: started, seconds, account: run.account });
}

function handlerName(locale: Locale, handler: string): string {
  const keys: Record<string, MessageKey> = {
    runNightly: 'install.check.handler.runNightly',
    runHourly: 'install.check.handler.runHourly',
    continueCampaigns: 'install.check.handler.continueCampaigns',
    onFormResponse: 'install.check.handler.onFormResponse',
  };
  const key = keys[handler];
  return key ? translate(locale, key) : handler;
}
