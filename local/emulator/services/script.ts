// ScriptApp: installable triggers (time-driven, spreadsheet, form), the web app URL and the enums.
import { AppsScriptError, type Runtime } from '../runtime';
import { isDate, requireAuthorization, SCOPES, signatureError, type ServiceDeps } from './context';
import { createEnum, enumKey, type EnumValue } from './enums';
import { weekOfYear } from './simple-date-format';
import { firstRun, runAfter, type TriggerSchedule } from './trigger-schedule';
import { isKnownTimeZone, localTime } from './zoned-time';

export const TOO_MANY_TRIGGERS_MESSAGE =
  'This script has too many triggers. Triggers must be deleted from the script before more can be added.';
export const TRIGGERS_PER_USER = 20;
/** The versioned deployment's URL: what clients open. */
export const WEB_APP_URL = 'https://script.google.com/macros/s/EMULATED/exec';
/** The test deployment's URL: works only for the script's editors. */
export const WEB_APP_DEV_URL = 'https://script.google.com/macros/s/EMULATED/dev';
export const SCRIPT_ID = '1EMULATED-script-id';

export type TriggerEventType = 'CLOCK' | 'ON_OPEN' | 'ON_EDIT' | 'ON_FORM_SUBMIT' | 'ON_CHANGE';
export type TriggerSourceName = 'CLOCK' | 'SPREADSHEETS' | 'FORMS';

export interface TriggerRecord {
  uid: string;
  handler: string;
  eventType: TriggerEventType;
  source: TriggerSourceName;
  /** The spreadsheet's or form's id; null for time-driven triggers. */
  sourceId: string | null;
  owner: string;
  createdAt: number;
  schedule: TriggerSchedule | null;
  nextRunAt: number | null;
  lastRunAt: number | null;
}

/** The web app's deployments: a versioned one (`/exec`) and the editor's test deployment (`/dev`). */
export interface WebAppState {
  /** The version the `/exec` URL serves; null until deployed. */
  version: number | null;
  testDeployed: boolean;
}

export interface ScriptState {
  triggers: TriggerRecord[];
  nextUid: number;
  /** Older snapshots lack it: not deployed. */
  webApp?: WebAppState;
}

export interface ScriptDeps extends ServiceDeps {
  userEmail(): string;
}

/** What a script holds for an installed trigger. */
export interface TriggerHandle {
  getUniqueId(): string;
  getHandlerFunction(): string;
  getEventType(): EnumValue;
  getTriggerSource(): EnumValue;
  getTriggerSourceId(): string | null;
}

/** SpreadsheetTriggerBuilder / FormTriggerBuilder: only the events that source has are present. */
export interface ContainerTriggerBuilder {
  onOpen?(): ContainerTriggerBuilder;
  onEdit?(): ContainerTriggerBuilder;
  onFormSubmit?(): ContainerTriggerBuilder;
  onChange?(): ContainerTriggerBuilder;
  create(): TriggerHandle;
}

const WEEKDAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const;
const MINUTE_INTERVALS = [1, 5, 10, 15, 30];
const HOUR_INTERVALS = [1, 2, 4, 6, 8, 12];

export function createScript(rt: Runtime, deps: ScriptDeps) {
  const AuthMode = createEnum('AuthMode', ['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL'] as const);
  const EventType = createEnum('EventType', [
    'CLOCK',
    'ON_OPEN',
    'ON_EDIT',
    'ON_FORM_SUBMIT',
    'ON_CHANGE',
    'ON_EVENT_UPDATED',
  ] as const);
  const TriggerSource = createEnum('TriggerSource', [
    'SPREADSHEETS',
    'CLOCK',
    'FORMS',
    'DOCUMENTS',
    'CALENDAR',
  ] as const);
  const WeekDay = createEnum('WeekDay', [
    'MONDAY',
    'TUESDAY',
    'WEDNESDAY',
    'THURSDAY',
    'FRIDAY',
    'SATURDAY',
    'SUNDAY',
  ] as const);

  let state: ScriptState = { triggers: [], nextUid: 1, webApp: { version: null, testDeployed: false } };
  const webApp = (): WebAppState => (state.webApp ??= { version: null, testDeployed: false });

  // Class Service: "the URL of the web app, if it has been deployed; otherwise returns null". With only the
  // editor's test deployment, Google answers its /dev URL.
  const webAppUrl = (): string | null =>
    webApp().version !== null ? WEB_APP_URL : webApp().testDeployed ? WEB_APP_DEV_URL : null;
  const uidOfHandle = new WeakMap<object, string>();

  const ownTriggers = () => state.triggers.filter((t) => t.owner === deps.userEmail());

  const install = (
    record: Omit<TriggerRecord, 'uid' | 'owner' | 'createdAt' | 'nextRunAt' | 'lastRunAt'>,
  ): TriggerHandle => {
    requireAuthorization(deps, 'ScriptApp.newTrigger', SCOPES.scriptApp);
    if (ownTriggers().length >= TRIGGERS_PER_USER) throw new AppsScriptError(TOO_MANY_TRIGGERS_MESSAGE);
    const createdAt = rt.clock.now();
    const trigger: TriggerRecord = {
      ...record,
      uid: String(7_000_000 + state.nextUid++),
      owner: deps.userEmail(),
      createdAt,
      nextRunAt: record.schedule ? firstRun(record.schedule, createdAt) : null,
      lastRunAt: null,
    };
    state.triggers.push(trigger);
    return handleOf(trigger);
  };

  const handleOf = (trigger: TriggerRecord): TriggerHandle => {
    const handle: TriggerHandle = {
      getUniqueId: () => (rt.call('Trigger', 'getUniqueId'), trigger.uid),
      getHandlerFunction: () => (rt.call('Trigger', 'getHandlerFunction'), trigger.handler),
      getEventType: () => (rt.call('Trigger', 'getEventType'), EventType[trigger.eventType]),
      getTriggerSource: () => (rt.call('Trigger', 'getTriggerSource'), TriggerSource[trigger.source]),
      getTriggerSourceId: () => (rt.call('Trigger', 'getTriggerSourceId'), trigger.sourceId),
    };
    uidOfHandle.set(handle, trigger.uid);
    return handle;
  };

  /** A Spreadsheet/Form object or its id. */
  const sourceIdOf = (call: string, source: unknown): string => {
    if (typeof source === 'string' && source !== '') return source;
    if (typeof source === 'object' && source !== null && typeof (source as { getId?: unknown }).getId === 'function') {
      const id = rt.internal(() => (source as { getId(): unknown }).getId());
      if (typeof id === 'string') return id;
    }
    throw signatureError(call, [source]);
  };

  const clockBuilder = (handler: string) => {
    const schedule: TriggerSchedule = {
      kind: 'once',
      every: 0,
      atHour: null,
      nearMinute: null,
      weekDay: null,
      timeZone: deps.timeZone(),
      at: null,
    };
    let chosen: string | null = null;
    const choose = (method: string, apply: () => void) => {
      rt.call('ClockTriggerBuilder', method);
      if (chosen !== null)
        throw new AppsScriptError(`Already chose a recurrence: ${chosen}. Cannot also use ${method}.`);
      chosen = method;
      apply();
      return builder;
    };
    const positiveInteger = (method: string, n: unknown): number => {
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 1)
        throw signatureError(`ClockTriggerBuilder.${method}`, [n]);
      return n;
    };
    const builder = {
      everyMinutes: (n: unknown) =>
        choose('everyMinutes', () => {
          if (!MINUTE_INTERVALS.includes(n as number))
            throw new AppsScriptError('The value you passed to everyMinutes must be one of 1, 5, 10, 15 or 30.');
          Object.assign(schedule, { kind: 'minutes', every: n });
        }),
      everyHours: (n: unknown) =>
        choose('everyHours', () => {
          if (!HOUR_INTERVALS.includes(n as number))
            throw new AppsScriptError('The value you passed to everyHours must be one of 1, 2, 4, 6, 8 or 12.');
          Object.assign(schedule, { kind: 'hours', every: n });
        }),
      everyDays: (n: unknown) =>
        choose('everyDays', () => Object.assign(schedule, { kind: 'days', every: positiveInteger('everyDays', n) })),
      everyWeeks: (n: unknown) =>
        choose('everyWeeks', () => Object.assign(schedule, { kind: 'weeks', every: positiveInteger('everyWeeks', n) })),
      at: (date: unknown) =>
        choose('at', () => {
          if (!isDate(date) || !Number.isFinite(date.getTime())) throw signatureError('ClockTriggerBuilder.at', [date]);
          Object.assign(schedule, { kind: 'once', at: date.getTime() });
        }),
      after: (ms: unknown) =>
        choose('after', () => {
          if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0)
            throw signatureError('ClockTriggerBuilder.after', [ms]);
          Object.assign(schedule, { kind: 'once', at: rt.clock.now() + Math.floor(ms) });
        }),
      atHour: (hour: unknown) => {
        rt.call('ClockTriggerBuilder', 'atHour');
        if (typeof hour !== 'number' || !Number.isInteger(hour) || hour < 0 || hour > 23)
          throw new AppsScriptError('Invalid argument: hour');
        schedule.atHour = hour;
        return builder;
      },
      nearMinute: (minute: unknown) => {
        rt.call('ClockTriggerBuilder', 'nearMinute');
        if (typeof minute !== 'number' || !Number.isInteger(minute) || minute < 0 || minute > 59)
          throw new AppsScriptError('Invalid argument: minute');
        schedule.nearMinute = minute;
        return builder;
      },
      onWeekDay: (day: unknown) => {
        rt.call('ClockTriggerBuilder', 'onWeekDay');
        const key = enumKey('WeekDay', day);
        if (!key) throw signatureError('ClockTriggerBuilder.onWeekDay', [day]);
        schedule.weekDay = WEEKDAYS.indexOf(key as (typeof WEEKDAYS)[number]);
        return builder;
      },
      inTimezone: (timeZone: unknown) => {
        rt.call('ClockTriggerBuilder', 'inTimezone');
        if (!isKnownTimeZone(timeZone)) throw new AppsScriptError(`Invalid argument: timezone`);
        schedule.timeZone = timeZone;
        return builder;
      },
      create: () => {
        rt.call('ClockTriggerBuilder', 'create');
        if (chosen === null)
          throw new AppsScriptError(
            'The trigger has no schedule: call everyMinutes, everyHours, everyDays, everyWeeks, at or after before create.',
          );
        const calendar = schedule.kind === 'days' || schedule.kind === 'weeks';
        if ((schedule.atHour !== null || schedule.nearMinute !== null) && !calendar) {
          throw new AppsScriptError('atHour and nearMinute can only be used with everyDays or everyWeeks.');
        }
        if (schedule.nearMinute !== null && schedule.atHour === null)
          throw new AppsScriptError('nearMinute needs atHour.');
        if (schedule.weekDay !== null && schedule.kind !== 'weeks')
          throw new AppsScriptError('onWeekDay can only be used with everyWeeks.');
        return install({ handler, eventType: 'CLOCK', source: 'CLOCK', sourceId: null, schedule: { ...schedule } });
      },
    };
    return builder;
  };

  const containerBuilder = (
    className: string,
    handler: string,
    source: TriggerSourceName,
    sourceId: string,
    events: readonly TriggerEventType[],
  ) => {
    let eventType: TriggerEventType | null = null;
    const builder: ContainerTriggerBuilder = {
      create: () => {
        rt.call(className, 'create');
        if (eventType === null)
          throw new AppsScriptError('The trigger has no event: choose one (e.g. onFormSubmit) before create.');
        return install({ handler, eventType, source, sourceId, schedule: null });
      },
    };
    const methodOf = {
      onOpen: 'ON_OPEN',
      onEdit: 'ON_EDIT',
      onFormSubmit: 'ON_FORM_SUBMIT',
      onChange: 'ON_CHANGE',
    } as const;
    for (const [method, type] of Object.entries(methodOf) as Array<[keyof typeof methodOf, TriggerEventType]>) {
      if (!events.includes(type)) continue;
      builder[method] = () => {
        rt.call(className, method);
        eventType = type;
        return builder;
      };
    }
    return builder;
  };

  const ScriptApp = {
    AuthMode,
    EventType,
    TriggerSource,
    WeekDay,

    newTrigger(functionName: unknown) {
      rt.call('ScriptApp', 'newTrigger');
      if (typeof functionName !== 'string' || functionName === '')
        throw signatureError('ScriptApp.newTrigger', [functionName]);
      requireAuthorization(deps, 'ScriptApp.newTrigger', SCOPES.scriptApp);
      return {
        timeBased: () => (rt.call('TriggerBuilder', 'timeBased'), clockBuilder(functionName)),
        forSpreadsheet: (spreadsheet: unknown) => {
          rt.call('TriggerBuilder', 'forSpreadsheet');
          const id = sourceIdOf('TriggerBuilder.forSpreadsheet', spreadsheet);
          return containerBuilder('SpreadsheetTriggerBuilder', functionName, 'SPREADSHEETS', id, [
            'ON_OPEN',
            'ON_EDIT',
            'ON_FORM_SUBMIT',
            'ON_CHANGE',
          ]);
        },
        forForm: (form: unknown) => {
          rt.call('TriggerBuilder', 'forForm');
          const id = sourceIdOf('TriggerBuilder.forForm', form);
          return containerBuilder('FormTriggerBuilder', functionName, 'FORMS', id, ['ON_OPEN', 'ON_FORM_SUBMIT']);
        },
      };
    },

    getProjectTriggers() {
      rt.call('ScriptApp', 'getProjectTriggers');
      requireAuthorization(deps, 'ScriptApp.getProjectTriggers', SCOPES.scriptApp);
      return ownTriggers().map(handleOf);
    },

    getUserTriggers(container: unknown) {
      rt.call('ScriptApp', 'getUserTriggers');
      requireAuthorization(deps, 'ScriptApp.getUserTriggers', SCOPES.scriptApp);
      const id = sourceIdOf('ScriptApp.getUserTriggers', container);
      return ownTriggers()
        .filter((t) => t.sourceId === id)
        .map(handleOf);
    },

    deleteTrigger(trigger: unknown) {
      rt.call('ScriptApp', 'deleteTrigger');
      requireAuthorization(deps, 'ScriptApp.deleteTrigger', SCOPES.scriptApp);
      const uid = typeof trigger === 'object' && trigger !== null ? uidOfHandle.get(trigger) : undefined;
      if (uid === undefined) throw signatureError('ScriptApp.deleteTrigger', [trigger]);
      // Deleting a trigger twice is a script bug the emulator reports rather than hides.
      if (!state.triggers.some((t) => t.uid === uid)) throw new AppsScriptError('Invalid argument: trigger');
      state.triggers = state.triggers.filter((t) => t.uid !== uid);
    },

    getService() {
      rt.call('ScriptApp', 'getService');
      return {
        getUrl: () => (rt.call('Service', 'getUrl'), webAppUrl()),
        isEnabled: () => (rt.call('Service', 'isEnabled'), webAppUrl() !== null),
      };
    },

    getScriptId() {
      rt.call('ScriptApp', 'getScriptId');
      return SCRIPT_ID;
    },
  };

  const find = (uid: string) => state.triggers.find((t) => t.uid === uid);

  const host = {
    AuthMode,
    list(): TriggerRecord[] {
      return structuredClone(state.triggers);
    },
    /** Time-driven triggers due at or before `now`, earliest first; each entry's `at` is when it was due. */
    due(now: number): Array<{ trigger: TriggerRecord; at: number }> {
      return state.triggers
        .filter((t) => t.nextRunAt !== null && t.nextRunAt <= now)
        .sort((a, b) => (a.nextRunAt as number) - (b.nextRunAt as number) || Number(a.uid) - Number(b.uid))
        .map((t) => ({ trigger: structuredClone(t), at: t.nextRunAt as number }));
    },
    /**
     * Records a run at `at`: a recurring trigger moves to its first run after `at` (runs missed while the clock
     * jumped are skipped, as Google does not catch up). A one-off trigger (`at`/`after`) is spent: it never runs
     * again but stays installed, listed by getProjectTriggers and counted against the 20, until a script deletes it
     * (Google does not document deleting it; the stricter reading keeps it).
     */
    markRan(uid: string, at: number): void {
      const trigger = find(uid);
      if (!trigger || !trigger.schedule || trigger.nextRunAt === null) throw new Error(`no time-driven trigger ${uid}`);
      trigger.lastRunAt = at;
      let next = runAfter(trigger.schedule, trigger.nextRunAt);
      while (next !== null && next <= at) next = runAfter(trigger.schedule, next);
      trigger.nextRunAt = next;
    },
    /** A time-driven trigger that will not run again: a one-off that already ran. */
    isSpent(uid: string): boolean {
      const trigger = find(uid);
      return !!trigger && trigger.schedule !== null && trigger.nextRunAt === null;
    },
    /** Installable triggers on a spreadsheet or form for one event, oldest first. */
    triggersFor(sourceId: string, eventType: Exclude<TriggerEventType, 'CLOCK'>): TriggerRecord[] {
      return structuredClone(state.triggers.filter((t) => t.sourceId === sourceId && t.eventType === eventType));
    },
    formSubmitTriggers(sourceId: string): TriggerRecord[] {
      return host.triggersFor(sourceId, 'ON_FORM_SUBMIT');
    },
    /** The event object Google passes a time-driven trigger's handler; its fields are in UTC. */
    clockEvent(uid: string, at: number) {
      const utc = localTime(at, 'UTC');
      return {
        authMode: AuthMode.FULL,
        triggerUid: uid,
        year: utc.year,
        month: utc.month,
        'day-of-month': utc.day,
        'day-of-week': utc.weekday + 1,
        hour: utc.hour,
        minute: utc.minute,
        second: utc.second,
        timezone: 'UTC',
        'week-of-year': weekOfYear(utc),
      };
    },
    /** Deploy → New deployment (or a new version of it): `getUrl()` then answers the `/exec` URL. */
    deployWebApp(version: number): string {
      if (!Number.isInteger(version) || version < 1)
        throw new RangeError(`a deployment version is a positive integer, got ${version}`);
      webApp().version = version;
      return WEB_APP_URL;
    },
    /** Deploy → Test deployments: the `/dev` URL, answered by `getUrl()` only while no version is deployed. */
    testDeployWebApp(): string {
      webApp().testDeployed = true;
      return WEB_APP_DEV_URL;
    },
    undeployWebApp(): void {
      state.webApp = { version: null, testDeployed: false };
    },
    webApp: (): WebAppState => ({ ...webApp() }),
    /** Removes a trigger as a user would in the Triggers page. */
    remove(uid: string): void {
      state.triggers = state.triggers.filter((t) => t.uid !== uid);
    },
    toJSON(): ScriptState {
      return structuredClone(state);
    },
    restore(json: ScriptState): void {
      state = structuredClone(json);
    },
  };

  return { globals: { ScriptApp }, host };
}

export type ScriptHost = ReturnType<typeof createScript>['host'];
