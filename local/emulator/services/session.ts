// Session: who runs the script, in which locale and time zone.
import { createHash } from 'node:crypto';
import type { Runtime } from '../runtime';
import type { ServiceDeps } from './context';

export interface SessionState {
  activeUserEmail: string;
  effectiveUserEmail: string;
  locale: string;
}

const KEY_ROTATION_MS = 30 * 24 * 60 * 60 * 1000;

export function createSession(rt: Runtime, deps: Pick<ServiceDeps, 'context' | 'timeZone'>, initial: { userEmail?: string; locale?: string } = {}) {
  const email = initial.userEmail ?? 'owner@studio.test';
  let state: SessionState = { activeUserEmail: email, effectiveUserEmail: email, locale: initial.locale ?? 'ru' };

  /** Google hides the active user where the script may run without that user's authorisation. */
  const identityHidden = () => {
    const context = deps.context();
    return context.kind === 'simpleTrigger' || context.kind === 'webapp' || context.authMode !== 'FULL';
  };

  const userOf = (email: () => string) => ({
    getEmail: () => (rt.call('User', 'getEmail'), email()),
  });

  const Session = {
    getActiveUser() {
      rt.call('Session', 'getActiveUser');
      return userOf(() => (identityHidden() ? '' : state.activeUserEmail));
    },
    getEffectiveUser() {
      rt.call('Session', 'getEffectiveUser');
      return userOf(() => (deps.context().kind === 'simpleTrigger' ? '' : state.effectiveUserEmail));
    },
    getActiveUserLocale(): string {
      rt.call('Session', 'getActiveUserLocale');
      return state.locale;
    },
    getScriptTimeZone(): string {
      rt.call('Session', 'getScriptTimeZone');
      return deps.timeZone();
    },
    /** Stable for one user for 30 days, never the address itself. */
    getTemporaryActiveUserKey(): string {
      rt.call('Session', 'getTemporaryActiveUserKey');
      const period = Math.floor(rt.clock.now() / KEY_ROTATION_MS);
      return createHash('sha256').update(`${state.activeUserEmail}:${period}`).digest('base64');
    },
  };

  const host = {
    /** The user every other service acts as (sender, trigger owner, user properties). */
    userEmail: () => state.activeUserEmail,
    /** Sets both the active and the effective user, as when the owner runs the script. */
    setUserEmail(email: string): void {
      state.activeUserEmail = email;
      state.effectiveUserEmail = email;
    },
    /** A second user acting in the owner's document (the effective user stays the owner for installable triggers). */
    setActiveUserEmail(email: string): void {
      state.activeUserEmail = email;
    },
    setLocale(locale: string): void {
      state.locale = locale;
    },
    toJSON: (): SessionState => ({ ...state }),
    restore(json: SessionState): void {
      state = { ...json };
    },
  };

  return { globals: { Session }, host };
}

export type SessionHost = ReturnType<typeof createSession>['host'];
