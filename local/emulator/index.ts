// The assembled emulator: every service on one clock and call counter, the execution context, time-driven triggers.
import vm from 'node:vm';
import {
  accountOf,
  createAccounts,
  TRIGGER_RUNTIME_MESSAGE,
  type Account,
  type AccountOptions,
  type AccountsState,
} from './accounts';
import { messageOf } from './client-values';
import { createClockDate } from './clock-date';
import { createClock, Runtime, type Clock } from './runtime';
import { createCache } from './services/cache';
import { createContent } from './services/content';
import type { ExecutionContext } from './services/context';
import { createFormApp } from './services/forms';
import { createHtmlService, type TemplateEvaluator } from './services/html';
import { createLock } from './services/lock';
import { createLogger } from './services/logger';
import { createMail } from './services/mail';
import { createProperties } from './services/properties';
import { createScript } from './services/script';
import { createSession } from './services/session';
import { createUtilities } from './services/utilities';
import { createUrlFetch } from './services/urlfetch';
import { createSpreadsheetApp, type UserEdit } from './spreadsheet';

export interface EmulatorOptions {
  now?: string | number | Date;
  /** The script's time zone (appsscript.json `timeZone`, `Session.getScriptTimeZone()`); default Europe/Moscow. */
  timeZone?: string;
  /** The bound spreadsheet's time zone (File → Settings, `getSpreadsheetTimeZone()`); default the script's. */
  spreadsheetTimeZone?: string;
  /** The spreadsheet's and the user's locale. */
  locale?: string;
  /** The single default account's email (ignored when `accounts` is given: its first is the default). */
  userEmail?: string;
  /** The accounts using the script; the first is the default one every execution runs as unless told otherwise. */
  accounts?: Array<string | AccountOptions>;
  /** Mail recipients per rolling 24 hours of an account that sets none of its own (default: 100, or 1,500 for Workspace). */
  mailQuota?: number;
  /** Where createHtmlOutputFromFile finds `<name>.html`: what clasp pushes. */
  bundleDir?: string;
  /** A trigger handler that throws: rethrown after the other due handlers ran ('throw'), or only recorded. */
  triggerErrors?: 'throw' | 'record';
}

/** One run of a trigger handler, kept in `emu.triggerRuns`. */
export interface TriggerRun {
  handler: string;
  triggerUid: string;
  /** `edit` covers the simple `onEdit` (triggerUid '') and installable on-edit triggers. */
  kind: 'time' | 'formSubmit' | 'edit';
  at: number;
  error: string | null;
  /** The account it ran as: an installable trigger's creator, or the editor for a simple onEdit. */
  account?: string;
  /** True when it did not run: its account had spent its daily trigger run time (`error` says so). */
  skipped?: boolean;
}

/** What a loaded bundle lends the emulator: running a handler as an execution, and evaluating templates in its realm. */
export interface BundleRunner {
  runHandler(handler: string, args: unknown[], context: ExecutionContext): unknown;
  /** Whether the script defines a global function of that name (a simple trigger runs only if it does). */
  hasHandler(name: string): boolean;
  evaluateTemplate: TemplateEvaluator;
}

type StateOf<F extends (...args: never[]) => { host: { toJSON(): unknown } }> = ReturnType<
  ReturnType<F>['host']['toJSON']
>;

/** Everything the playground persists: the clock and every host's state, plain JSON. */
export interface EmulatorSnapshot {
  clock: number;
  /** The script's time zone (older snapshots lack it: the restoring emulator's own stays). */
  timeZone?: string;
  /** `emu.triggerRuns`, the run history the playground shows (older snapshots lack it). */
  triggerRuns?: TriggerRun[];
  /** The accounts and their trigger run time (older snapshots lack it: one default account). */
  accounts?: AccountsState;
  spreadsheet: StateOf<typeof createSpreadsheetApp>;
  mail: StateOf<typeof createMail>;
  triggers: StateOf<typeof createScript>;
  properties: StateOf<typeof createProperties>;
  cache: StateOf<typeof createCache>;
  locks: StateOf<typeof createLock>;
  session: StateOf<typeof createSession>;
  logs: StateOf<typeof createLogger>;
  forms: StateOf<typeof createFormApp>;
}

export const DEFAULT_CONTEXT: ExecutionContext = { kind: 'test', authMode: 'FULL' };

export function createEmulator(options: EmulatorOptions = {}) {
  const settings = {
    timeZone: options.timeZone ?? 'Europe/Moscow',
    spreadsheetTimeZone: options.spreadsheetTimeZone ?? options.timeZone ?? 'Europe/Moscow',
    locale: options.locale ?? 'ru',
    userEmail: firstEmail(options) ?? 'owner@studio.test',
    /** The default account's mail quota as given (100 when not). */
    mailQuota: options.mailQuota ?? 100,
    bundleDir: options.bundleDir ?? 'dist',
    triggerErrors: options.triggerErrors ?? 'throw',
  };
  const clock: Clock = createClock(options.now ?? Date.now());
  const rt = new Runtime(clock);
  // Local-time Date methods in the script follow the script's zone, never the Node process's.
  const dateCtor = createClockDate(clock, () => settings.timeZone);
  const contexts: ExecutionContext[] = [];
  const context = (): ExecutionContext => contexts[contexts.length - 1] ?? DEFAULT_CONTEXT;
  const triggerRuns: TriggerRun[] = [];
  let bundle: BundleRunner | null = null;

  const timeZone = () => settings.timeZone;
  const accounts = createAccounts(
    () => clock.now(),
    (options.accounts ?? [settings.userEmail]).map((a) => accountOf(a, { mailQuota: options.mailQuota })),
  );
  /** An account by email; one a test names only through `session.setUserEmail` joins as a consumer account. */
  const accountFor = (email: string): Account => {
    if (!accounts.has(email)) accounts.add(accountOf(email, { mailQuota: options.mailQuota }));
    return accounts.get(email);
  };
  const session = createSession(
    rt,
    { context, timeZone, account: accountFor },
    { userEmail: settings.userEmail, locale: settings.locale },
  );
  // Every service acts as the session's user, so a test switching users switches them all.
  const base = { context, dateCtor, timeZone, userEmail: () => session.host.userEmail() };
  const spreadsheet = createSpreadsheetApp(rt, {
    dateCtor,
    context,
    timeZone: settings.spreadsheetTimeZone,
    locale: settings.locale,
    // html is made below; the Ui reads pages only once a script shows one.
    htmlPage: (value) => html.host.page(value),
  });
  // The script is bound to the spreadsheet the emulator starts with.
  const documentId = (): string | null => spreadsheet.host.active.id;
  const bound = { context, userEmail: base.userEmail, documentId };

  const mail = createMail(rt, { ...base, mailQuota: (email) => accountFor(email).mailQuota });
  const script = createScript(rt, base);
  const utilities = createUtilities(rt);
  const properties = createProperties(rt, bound);
  const cache = createCache(rt, bound);
  const locks = createLock(rt, bound);
  const content = createContent(rt);
  const urlFetch = createUrlFetch(rt, { context });
  const logger = createLogger(rt, { timeZone });
  const html = createHtmlService(rt, {
    bundleDir: settings.bundleDir,
    evaluate: (...args) => (bundle ?? scratchRunner()).evaluateTemplate(...args),
  });
  const forms = createFormApp(rt, {
    ...base,
    spreadsheetApp: () => spreadsheet.global as never,
    formSubmitTriggers: (sourceId) =>
      script.host.formSubmitTriggers(sourceId).map((t) => ({ uid: t.uid, handler: t.handler })),
    runTrigger: (handler, event) => {
      const uid = String(event.triggerUid);
      const owner = script.host.list().find((t) => t.uid === uid)?.owner ?? session.host.userEmail();
      const run: TriggerRun = { handler, triggerUid: uid, kind: 'formSubmit', at: clock.now(), error: null };
      runTriggerHandler(run, event, { kind: 'trigger', authMode: 'FULL', user: owner });
    },
    authModeFull: () => script.globals.ScriptApp.AuthMode.FULL,
  });

  function globals(): Record<string, unknown> {
    return {
      SpreadsheetApp: spreadsheet.global,
      Charts: spreadsheet.charts,
      ...mail.globals,
      ...script.globals,
      ...utilities.globals,
      ...properties.globals,
      ...cache.globals,
      ...locks.globals,
      ...session.globals,
      ...content.globals,
      ...logger.globals,
      ...html.globals,
      ...forms.globals,
      ...urlFetch.globals,
      Date: dateCtor,
    };
  }

  /**
   * Runs a handler of the loaded bundle as its own trigger execution, as `ctx.user` (the trigger's creator),
   * and records how it went. An account that spent its daily trigger run time gets no run, only the record.
   */
  function runTriggerHandler(run: TriggerRun, event: unknown, ctx: ExecutionContext): void {
    if (!bundle) throw new Error(`A trigger calls ${run.handler}, but no bundle is loaded (loadBundle)`);
    const account = accountFor(ctx.user ?? session.host.userEmail()).email;
    run.account = account;
    triggerRuns.push(run);
    if (accounts.triggerTimeLeft(account) <= 0) {
      run.skipped = true;
      run.error = TRIGGER_RUNTIME_MESSAGE;
      return;
    }
    const started = clock.now();
    try {
      bundle.runHandler(run.handler, [event], ctx);
    } catch (error) {
      run.error = messageOf(error);
      if (settings.triggerErrors === 'throw') throw error;
    } finally {
      accounts.spendTriggerTime(account, clock.now() - started, started);
    }
  }

  function withContextOf<T>(ctx: ExecutionContext, body: () => T): T {
    contexts.push(ctx);
    try {
      return body();
    } finally {
      contexts.pop();
    }
  }

  /**
   * A user's edit (host.edit) runs the script's simple `onEdit(e)` on the bound document (LIMITED) and every
   * installable on-edit trigger of that spreadsheet (FULL, with triggerUid), each as its own execution.
   */
  function fireEdit(edit: UserEdit): void {
    const installed = script.host.triggersFor(edit.spreadsheetId, 'ON_EDIT');
    // With no script loaded a user's typing runs nothing; an installed trigger without its script is an error below.
    if (!bundle && installed.length === 0) return;
    const failures: unknown[] = [];
    // Built in the handler's context: the user's identity is hidden from a simple trigger as Session hides it.
    const eventFor = (ctx: ExecutionContext, triggerUid: string | null) =>
      withContextOf(ctx, () => {
        const parts = spreadsheet.host.editEvent(edit);
        const user = rt.internal(() => session.globals.Session.getActiveUser());
        const event: Record<string, unknown> = {
          authMode: script.globals.ScriptApp.AuthMode[ctx.authMode],
          ...parts,
          user,
        };
        if (triggerUid !== null) event.triggerUid = triggerUid;
        return event;
      });
    const attempt = (body: () => void) => {
      try {
        body();
      } catch (error) {
        failures.push(error);
      }
    };
    if (edit.user !== undefined && !accounts.has(edit.user))
      throw new Error(`no account ${edit.user}: add it with emu.accounts.add`);
    const editor = edit.user ?? session.host.userEmail();
    if (bundle?.hasHandler('onEdit') && edit.spreadsheetId === documentId()) {
      const run: TriggerRun = { handler: 'onEdit', triggerUid: '', kind: 'edit', at: clock.now(), error: null };
      const ctx: ExecutionContext = { kind: 'simpleTrigger', authMode: 'LIMITED', user: editor };
      attempt(() => runTriggerHandler(run, eventFor(ctx, null), ctx));
    }
    for (const trigger of installed) {
      const run: TriggerRun = {
        handler: trigger.handler,
        triggerUid: trigger.uid,
        kind: 'edit',
        at: clock.now(),
        error: null,
      };
      const ctx: ExecutionContext = { kind: 'trigger', authMode: 'FULL', user: trigger.owner, activeUser: editor };
      attempt(() => runTriggerHandler(run, eventFor(ctx, trigger.uid), ctx));
    }
    if (failures.length > 0) throw failures[0];
  }
  spreadsheet.host.onEdit(fireEdit);

  // Templates evaluated before any bundle is loaded run in a realm of their own with the same globals.
  let scratch: BundleRunner | null = null;
  function scratchRunner(): BundleRunner {
    if (!scratch) {
      const sandbox = vm.createContext(globals());
      scratch = {
        runHandler: () => {
          throw new Error('no bundle is loaded');
        },
        hasHandler: () => false,
        evaluateTemplate: (code, output, print, scope) => {
          const body = vm.runInContext(
            `(function (output, __print, __scope) { with (__scope) {\n${code}\n} })`,
            sandbox,
          ) as (...args: unknown[]) => void;
          body(output, print, scope);
        },
      };
    }
    return scratch;
  }

  /** Steps the clock to each due time-driven trigger in turn and runs it; ends at now + ms. */
  function advance(ms: number): TriggerRun[] {
    if (!(ms >= 0)) throw new RangeError(`advance needs a non-negative number of milliseconds, got ${ms}`);
    const target = clock.now() + ms;
    const runs: TriggerRun[] = [];
    const failures: unknown[] = [];
    for (;;) {
      const next = script.host.due(target)[0];
      if (!next) break;
      if (next.at > clock.now()) clock.set(next.at);
      script.host.markRan(next.trigger.uid, next.at);
      const run: TriggerRun = {
        handler: next.trigger.handler,
        triggerUid: next.trigger.uid,
        kind: 'time',
        at: next.at,
        error: null,
      };
      runs.push(run);
      try {
        runTriggerHandler(run, script.host.clockEvent(next.trigger.uid, next.at), {
          kind: 'trigger',
          authMode: 'FULL',
          user: next.trigger.owner,
        });
      } catch (error) {
        failures.push(error);
      }
    }
    if (clock.now() < target) clock.set(target);
    if (failures.length > 0) throw failures[0];
    return runs;
  }

  const emulator = {
    rt,
    clock,
    settings,
    /**
     * The accounts using the script: `add(email | { email, kind, mailQuota, triggerRuntimeMs })`, `list()`,
     * `default()`, `triggerTimeUsed(email)`, `triggerTimeLeft(email)`, `spendTriggerTime(email, ms)`.
     * Run an execution as one with `app.run(fn, args, { as: email })`.
     */
    accounts,
    /** The clock-bound Date the bundle sees as `Date`. */
    dateCtor,
    spreadsheet: spreadsheet.host,
    mail: mail.host,
    triggers: script.host,
    /** The web app's deployments: `getUrl()` is null until one is made. */
    webapp: {
      /** A versioned deployment: returns the `/exec` URL. */
      deploy: (options: { version?: number } = {}): string => script.host.deployWebApp(options.version ?? 1),
      /** The editor's test deployment: returns the `/dev` URL. */
      testDeploy: (): string => script.host.testDeployWebApp(),
      undeploy: (): void => script.host.undeployWebApp(),
      state: () => script.host.webApp(),
    },
    properties: properties.host,
    cache: cache.host,
    locks: locks.host,
    session: session.host,
    content: content.host,
    logs: logger.host,
    html: html.host,
    forms: forms.host,
    /** Outgoing HTTP: route a URL prefix to a handler (local/fake-telegram), read the request log. */
    urlFetch: urlFetch.host,
    /** Every trigger handler run so far, oldest first. */
    triggerRuns,
    globals,
    context,
    /** Runs `body` with `ctx` as the current execution's context (bundle.ts wraps each execution in it). */
    withContext<T>(ctx: ExecutionContext, body: () => T): T {
      contexts.push(ctx);
      try {
        return body();
      } finally {
        contexts.pop();
      }
    },
    attachBundle(runner: BundleRunner): void {
      bundle = runner;
    },
    advance,
    /** Runs the time-driven triggers due now. */
    fireDue: () => advance(0),
    toJSON(): EmulatorSnapshot {
      return structuredClone({
        clock: clock.now(),
        timeZone: settings.timeZone,
        triggerRuns,
        accounts: accounts.toJSON(),
        spreadsheet: spreadsheet.host.toJSON(),
        mail: mail.host.toJSON(),
        triggers: script.host.toJSON(),
        properties: properties.host.toJSON(),
        cache: cache.host.toJSON(),
        locks: locks.host.toJSON(),
        session: session.host.toJSON(),
        logs: logger.host.toJSON(),
        forms: forms.host.toJSON(),
      });
    },
    restore(json: EmulatorSnapshot): void {
      clock.set(json.clock);
      if (json.timeZone !== undefined) settings.timeZone = json.timeZone;
      if (json.accounts !== undefined) accounts.restore(json.accounts);
      if (json.triggerRuns !== undefined)
        triggerRuns.splice(0, triggerRuns.length, ...structuredClone(json.triggerRuns));
      spreadsheet.host.restore(json.spreadsheet);
      mail.host.restore(json.mail);
      script.host.restore(json.triggers);
      properties.host.restore(json.properties);
      cache.host.restore(json.cache);
      locks.host.restore(json.locks);
      session.host.restore(json.session);
      logger.host.restore(json.logs);
      forms.host.restore(json.forms);
    },
  };
  return emulator;
}

function firstEmail(options: EmulatorOptions): string | undefined {
  const first = options.accounts?.[0];
  if (first === undefined) return options.userEmail;
  return typeof first === 'string' ? first : first.email;
}

export type Emulator = ReturnType<typeof createEmulator>;
