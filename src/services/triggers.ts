// Installs triggers idempotently and keeps a register of the studio's triggers in script properties.
// getProjectTriggers() lists only the caller's own triggers, so the register is how one account learns
// which triggers another account installed (Check installation reports them; nobody can delete them but their owner).
import { readJsonProperty, writeJsonProperty } from './properties';

/** A recurring trigger; one-off runs go through scheduleContinuation. */
export type TimeTriggerSpec =
  | { handler: string; everyMinutes: 1 | 5 | 10 | 15 | 30 }
  | { handler: string; everyHours: number }
  | { handler: string; everyDaysAtHour: number };

/** One of the studio's recurring triggers as installed: who owns it and its id. */
export interface RegisteredTrigger {
  handler: string;
  uid: string;
  owner: string;
  /** The form's id for a form-submit trigger; '' for a time-driven one. */
  sourceId: string;
  installedAt: string;
}

const REGISTER_KEY = 'crm.triggers';

export function readTriggerRegister(): RegisteredTrigger[] {
  return readJsonProperty<RegisteredTrigger[]>(REGISTER_KEY, []);
}

export function writeTriggerRegister(entries: readonly RegisteredTrigger[]): void {
  writeJsonProperty(REGISTER_KEY, entries);
}

/** The caller's own trigger as the register needs it. */
export interface OwnTrigger {
  handler: string;
  uid: string;
  sourceId: string;
  trigger: GoogleAppsScript.Script.Trigger;
}

export function ownTriggers(): OwnTrigger[] {
  return ScriptApp.getProjectTriggers().map((trigger) => ({
    handler: trigger.getHandlerFunction(),
    uid: trigger.getUniqueId(),
    sourceId: trigger.getTriggerSourceId() ?? '',
    trigger,
  }));
}

/** The uids of pending one-off continuations: they share handlers with recurring triggers but are not them. */
export function continuationUids(): Set<string> {
  const uids = new Set<string>();
  for (const handler of ['continueCampaigns', 'startScheduledCampaigns', 'runIntakeBacklog']) {
    const pending = readJsonProperty<{ uid: string } | null>(`continuation.${handler}`, null);
    if (pending) uids.add(pending.uid);
  }
  return uids;
}

/**
 * Installs a time-driven trigger unless the caller already owns a recurring one for `handler`;
 * answers the trigger's uid and whether it was created now.
 */
export function ensureTimeTrigger(
  spec: TimeTriggerSpec,
  own: readonly OwnTrigger[] = ownTriggers(),
  timeZone?: string,
): { uid: string; created: boolean } {
  const oneOffs = continuationUids();
  const existing = own.find((trigger) => trigger.handler === spec.handler && !oneOffs.has(trigger.uid));
  if (existing) return { uid: existing.uid, created: false };
  const builder = ScriptApp.newTrigger(spec.handler).timeBased();
  let trigger: GoogleAppsScript.Script.Trigger;
  if ('everyMinutes' in spec) trigger = builder.everyMinutes(spec.everyMinutes).create();
  else if ('everyHours' in spec) trigger = builder.everyHours(spec.everyHours).create();
  // A daily hour is the studio's hour: on the spreadsheet's clock when given, else the script's.
  else if (timeZone) trigger = builder.everyDays(1).atHour(spec.everyDaysAtHour).inTimezone(timeZone).create();
  else trigger = builder.everyDays(1).atHour(spec.everyDaysAtHour).create();
  return { uid: trigger.getUniqueId(), created: true };
}

/** Installs a form-submit trigger on the form unless the caller owns one for this form and handler. */
export function ensureFormSubmitTrigger(
  handler: string,
  form: GoogleAppsScript.Forms.Form,
  own: readonly OwnTrigger[] = ownTriggers(),
): { uid: string; created: boolean } {
  const formId = form.getId();
  const existing = own.find((trigger) => trigger.handler === handler && trigger.sourceId === formId);
  if (existing) return { uid: existing.uid, created: false };
  const trigger = ScriptApp.newTrigger(handler).forForm(form).onFormSubmit().create();
  return { uid: trigger.getUniqueId(), created: true };
}

/** When the pending one-off continuation of `handler` runs (epoch ms), or null when none is pending. */
export function continuationDueAt(handler: string): number | null {
  const pending = readJsonProperty<{ uid: string; at: number } | null>(`continuation.${handler}`, null);
  return pending && pending.at > Date.now() ? pending.at : null;
}

/**
 * A one-off trigger to continue work in a fresh execution, at most one pending per handler (the earliest
 * asked for). Google keeps a one-off trigger installed after it runs, so the spent one is deleted here:
 * otherwise they pile up toward the 20-trigger limit. The pending trigger is remembered in script properties.
 */
export function scheduleContinuation(handler: string, at: Date): void {
  const key = `continuation.${handler}`;
  const pending = readJsonProperty<{ uid: string; at: number } | null>(key, null);
  if (pending && pending.at > Date.now() && pending.at <= at.getTime()) return;
  if (pending) deleteTriggerById(pending.uid);
  const trigger = ScriptApp.newTrigger(handler).timeBased().at(at).create();
  writeJsonProperty(key, { uid: trigger.getUniqueId(), at: at.getTime() });
}

export function deleteTriggerById(uid: string): boolean {
  for (const trigger of ScriptApp.getProjectTriggers()) {
    if (trigger.getUniqueId() === uid) {
      ScriptApp.deleteTrigger(trigger);
      return true;
    }
  }
  return false;
}
