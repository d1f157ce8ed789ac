// The Google accounts that use the script: each has its own Gmail, mail quota, triggers, user properties and
// daily trigger run time (guide "Installable triggers", "Quotas for Google Services").

export type AccountKind = 'consumer' | 'workspace';

export interface AccountOptions {
  email: string;
  /** A gmail.com-style personal account (the default: the stricter quotas) or a Google Workspace one. */
  kind?: AccountKind;
  /** Mail recipients per rolling 24 hours; 100 consumer, 1,500 Workspace. */
  mailQuota?: number;
  /** Trigger run time per rolling 24 hours; 90 minutes consumer, 6 hours Workspace. */
  triggerRuntimeMs?: number;
}

export interface Account {
  email: string;
  kind: AccountKind;
  mailQuota: number;
  triggerRuntimeMs: number;
}

const MINUTE_MS = 60 * 1000;
export const TRIGGER_RUNTIME_MS: Record<AccountKind, number> = {
  consumer: 90 * MINUTE_MS,
  workspace: 6 * 60 * MINUTE_MS,
};
export const MAIL_QUOTA: Record<AccountKind, number> = { consumer: 100, workspace: 1500 };
/** Google's words when an account has spent its daily trigger run time. */
export const TRIGGER_RUNTIME_MESSAGE = 'Service using too much computer time for one day';
const DAY_MS = 24 * 60 * MINUTE_MS;

export interface AccountsState {
  accounts: Account[];
  /** Trigger run time spent, per account: one entry per run. */
  triggerTime: Array<{ email: string; at: number; ms: number }>;
}

export function accountOf(options: AccountOptions | string, defaults: { mailQuota?: number } = {}): Account {
  const given = typeof options === 'string' ? { email: options } : options;
  const kind = given.kind ?? 'consumer';
  return {
    email: given.email,
    kind,
    mailQuota: given.mailQuota ?? defaults.mailQuota ?? MAIL_QUOTA[kind],
    triggerRuntimeMs: given.triggerRuntimeMs ?? TRIGGER_RUNTIME_MS[kind],
  };
}

/** Two accounts of one Google Workspace domain; consumer accounts never share one (gmail.com is no domain of theirs). */
export function sameWorkspaceDomain(a: Account, b: Account): boolean {
  const domain = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  return a.kind === 'workspace' && b.kind === 'workspace' && domain(a.email) === domain(b.email);
}

export function createAccounts(now: () => number, initial: Account[]) {
  let state: AccountsState = { accounts: [...initial], triggerTime: [] };

  const find = (email: string): Account | undefined =>
    state.accounts.find((a) => a.email.toLowerCase() === email.toLowerCase());
  const get = (email: string): Account => {
    const account = find(email);
    if (!account) throw new Error(`no account ${email}: add it with emu.accounts.add`);
    return account;
  };
  const triggerTimeUsed = (email: string): number => {
    const since = now() - DAY_MS;
    return state.triggerTime.filter((t) => t.email === email && t.at > since).reduce((sum, t) => sum + t.ms, 0);
  };

  return {
    /** Adds an account (a second staff member); returns it. */
    add(options: AccountOptions | string): Account {
      const account = accountOf(options);
      if (find(account.email)) throw new Error(`account ${account.email} exists already`);
      state.accounts.push(account);
      return { ...account };
    },
    list: (): Account[] => state.accounts.map((a) => ({ ...a })),
    has: (email: string): boolean => find(email) !== undefined,
    get: (email: string): Account => ({ ...get(email) }),
    /** The account every execution runs as unless told otherwise: the first. */
    default: (): Account => ({ ...(state.accounts[0] as Account) }),
    /** The single-account setting `userEmail` renames the default account. */
    renameDefault(email: string): void {
      const first = state.accounts[0] as Account;
      if (first.email !== email) state.accounts[0] = { ...first, email };
    },
    setTriggerRuntime(email: string, ms: number): void {
      get(email).triggerRuntimeMs = ms;
    },
    /** Trigger run time this account spent in the last 24 hours of emulator time. */
    triggerTimeUsed,
    triggerTimeLeft: (email: string): number => Math.max(0, get(email).triggerRuntimeMs - triggerTimeUsed(email)),
    /** Records a trigger run's time against its account (the emulator does it for every trigger run). */
    spendTriggerTime(email: string, ms: number, at = now()): void {
      state.triggerTime.push({ email: get(email).email, at, ms });
    },
    toJSON: (): AccountsState => structuredClone(state),
    restore(json: AccountsState): void {
      state = structuredClone(json);
    },
  };
}

export type AccountsHost = ReturnType<typeof createAccounts>;
