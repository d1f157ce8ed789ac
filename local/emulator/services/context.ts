// What every service factory is given by the assembled emulator, and the checks they share.
import { AppsScriptError, type Runtime } from '../runtime';
import { signatureError } from '../signature';

export type ExecutionKind = 'menu' | 'client' | 'trigger' | 'simpleTrigger' | 'webapp' | 'test';
export type AuthModeName = 'NONE' | 'LIMITED' | 'FULL';

export interface ExecutionContext {
  kind: ExecutionKind;
  authMode: AuthModeName;
  /** The account the script runs as (the effective user): whoever pressed, or a trigger's creator. Default: the first account. */
  user?: string;
  /** The account that acted (an editor whose edit fired someone's trigger); default `user`. */
  activeUser?: string;
}

/** The part of the assembled emulator a service needs; each factory takes what it uses. */
export interface ServiceDeps {
  /** The current execution's context. */
  context(): ExecutionContext;
  /** The vm context's clock-bound Date constructor: dates handed to the script are made with it. */
  dateCtor: DateConstructor;
  /** The script's time zone (appsscript.json), e.g. `Europe/Moscow`. */
  timeZone(): string;
}

/** Scopes named in Google's "You do not have permission" message. */
export const SCOPES = {
  gmail: 'https://mail.google.com/',
  sendMail: 'https://www.googleapis.com/auth/script.send_mail',
  scriptApp: 'https://www.googleapis.com/auth/script.scriptapp',
} as const;

/** Simple triggers and add-ons not yet authorised (LIMITED/NONE) may not use services that need a scope. */
export function requireAuthorization(deps: Pick<ServiceDeps, 'context'>, call: string, scope: string): void {
  const context = deps.context();
  if (context.kind === 'simpleTrigger' || context.authMode !== 'FULL') {
    throw new AppsScriptError(`You do not have permission to call ${call}. Required permissions: ${scope}`);
  }
}

/** A document-bound service (document lock, properties, cache) is null outside the bound document: in a web app. */
export function boundDocumentId(deps: Pick<ServiceDeps, 'context'> & { documentId(): string | null }): string | null {
  if (deps.context().kind === 'webapp') return null;
  return deps.documentId();
}

/** `getScriptX()`, `getUserX()` and `getDocumentX()` (null outside the bound document) of one service. */
export type ScopedGetters<Noun extends string, T> = { [K in `getScript${Noun}` | `getUser${Noun}`]: () => T } & {
  [K in `getDocument${Noun}`]: () => T | null;
};

/**
 * The three scopes PropertiesService, CacheService and LockService share, each counted as `<service>.<getter>`;
 * `open` gets the scope's store name: `script`, `user:<email>` or `document:<id>`.
 */
export function scopedGetters<Noun extends string, T>(
  rt: Runtime,
  service: string,
  noun: Noun,
  deps: Pick<ServiceDeps, 'context'> & { userEmail(): string; documentId(): string | null },
  open: (storeName: string) => T,
): ScopedGetters<Noun, T> {
  return {
    [`getScript${noun}`]: () => (rt.call(service, `getScript${noun}`), open('script')),
    [`getUser${noun}`]: () => (rt.call(service, `getUser${noun}`), open(`user:${deps.userEmail()}`)),
    [`getDocument${noun}`]: () => {
      rt.call(service, `getDocument${noun}`);
      const id = boundDocumentId(deps);
      return id === null ? null : open(`document:${id}`);
    },
  } as ScopedGetters<Noun, T>;
}

// The signature error lives with the argument check; re-exported for the services that import it from here.
export { signatureError } from '../signature';

/** A Date from any realm (the vm's or the host's). */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/** Throws Google's signature error when fewer than `min` arguments are given. */
export function requireArgs(call: string, args: readonly unknown[], min: number): void {
  if (args.length < min || args.slice(0, min).some((a) => a === undefined)) throw signatureError(call, args);
}
