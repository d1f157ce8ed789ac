// Installs triggers idempotently: a second setup run, or two staff running it at once, never adds a duplicate.
import { readJsonProperty, writeJsonProperty } from './properties';

/** A recurring trigger; one-off runs go through scheduleContinuation. */
export type TimeTriggerSpec =
  | { handler: string; everyHours: number }
  | { handler: string; everyDaysAtHour: number }
  | { handler: string; everyMinutes: 1 | 5 | 10 | 15 | 30 };

function existingHandlers(): Set<string> {
  return new Set(ScriptApp.getProjectTriggers().map((trigger) => trigger.getHandlerFunction()));
}

/** Installs a time-driven trigger unless one already runs `handler`; returns whether it installed one. */
export function ensureTimeTrigger(spec: TimeTriggerSpec): boolean {
  if (existingHandlers().has(spec.handler)) return false;
  const builder = ScriptApp.newTrigger(spec.handler).timeBased();
  if ('everyHours' in spec) builder.everyHours(spec.everyHours).create();
  else if ('everyMinutes' in spec) builder.everyMinutes(spec.everyMinutes).create();
  else builder.everyDays(1).atHour(spec.everyDaysAtHour).create();
  return true;
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

/** Installs a form-submit trigger on the form unless one for this form and handler exists. */
export function ensureFormSubmitTrigger(handler: string, form: GoogleAppsScript.Forms.Form): boolean {
  const formId = form.getId();
  const exists = ScriptApp.getProjectTriggers().some(
    (trigger) => trigger.getHandlerFunction() === handler && trigger.getTriggerSourceId() === formId,
  );
  if (exists) return false;
  ScriptApp.newTrigger(handler).forForm(form).onFormSubmit().create();
  return true;
}
