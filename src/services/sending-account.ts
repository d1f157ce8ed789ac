// The studio's sending account: the one Google account whose Gmail sends every mail and whose triggers run the
// studio. Triggers run as their creator and each staff member's Gmail is their own, so exactly one account must
// own both. Kept in script properties, which every user of the script shares.
import { scriptStore, type ScriptSnapshot } from './properties';

const SENDING_ACCOUNT_KEY = 'crm.sendingAccount';

/** The recorded sending account's email, or null before the first Setup. */
export function readSendingAccount(snapshot?: ScriptSnapshot): string | null {
  const email = snapshot ? (snapshot[SENDING_ACCOUNT_KEY] ?? null) : scriptStore().getProperty(SENDING_ACCOUNT_KEY);
  return email ? email : null;
}

export function recordSendingAccount(email: string): void {
  scriptStore().setProperty(SENDING_ACCOUNT_KEY, email);
}

/**
 * The account this execution runs as. The effective user is the one whose Gmail and triggers the code uses;
 * it can be blank where Google hides it, so '' means "not known" and never matches an owner.
 */
export function currentAccount(): string {
  return Session.getEffectiveUser().getEmail();
}
