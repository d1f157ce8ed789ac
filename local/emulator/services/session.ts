// Session: who runs the script, in which locale and time zone.
import { createHash } from 'node:crypto';
import type { Runtime } from '../runtime';
import { sameWorkspaceDomain, type Account } from '../accounts';
import type { ServiceDeps } from './context';

export interface SessionState {
  activeUserEmail: string;
  effectiveUserEmail: string;
  locale: string;
}

const KEY_ROTATION_MS = 30 * 24 * 60 * 60 * 1000;

export interface SessionDeps extends Pick<ServiceDeps, 'context' | 'timeZone'> {
  /** The account record of an email (an unknown email gets a consumer account's). */
  account(email: string): Account;
}

export function createSession(rt: Runtime, deps: SessionDeps, initial: { userEmail?: string; locale?: string } = {}) {
  const email = initial.userEmail ?? 'owner@studio.test';
  let state: SessionState = { activeUserEmail: email, effectiveUserEmail: email, locale: initial.locale ?? 'ru' };

  const effectiveEmail = () => deps.context().user ?? state.effectiveUserEmail;
  const activeEmail = () => {
    const context = deps.context();
    return context.activeUser ?? context.user ?? state.activeUserEmail;
  };

  /**
   * Google hides the active user where the script may run without that user's authorisation (simple triggers,
   * web apps run as the developer, LIMITED). In an installable trigger (run as its creator) the stricter reading:
   * shown only when both accounts are of one Workspace domain; a consumer account is always hidden there.
   */
  const activeShown = (): string => {
    const context = deps.context();
    if (context.kind === 'simpleTrigger' || context.kind === 'webapp' || context.authMode !== 'FULL') return '';
    if (context.kind === 'trigger' && !sameWorkspaceDomain(deps.account(activeEmail()), deps.account(effectiveEmail())))
      return '';
    return activeEmail();
  };

  const userOf = (email: () => string) => ({
    getEmail: () => (rt.call('User', 'getEmail'), email()),
  });

  const Session = {
    getActiveUser() {
      rt.call('Session', 'getActiveUser');
      const shown = activeShown();
      return userOf(() => shown);
    },
    getEffectiveUser() {
      rt.call('Session', 'getEffectiveUser');
      const shown = deps.context().kind === 'simpleTrigger' ? '' : effectiveEmail();
      return userOf(() => shown);
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
      return createHash('sha256').update(`${activeEmail()}:${period}`).digest('base64');
    },
  };

  const host = {
    /** The account every other service acts as in the current execution (sender, trigger owner, user properties). */
    userEmail: () => deps.context().user ?? state.activeUserEmail,
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
