// GmailApp and MailApp: each account has its own mailbox (drafts, sent mail) and recipient quota, shared by both
// services; the host's outbox lists every account's deliveries, each with its sender account.
import { AppsScriptError, type Runtime } from '../runtime';
import { Blob, type BlobSnapshot } from './blob';
import { requireAuthorization, SCOPES, signatureError, type ServiceDeps } from './context';
import { composeMessage, recipientsOf, type Composition, type StoredMessage } from './mail-compose';

export const QUOTA_MESSAGE = 'Service invoked too many times for one day: email.';
export const NO_RECIPIENT_MESSAGE = 'Failed to send email: no recipient';
/** Google does not document getDraft's answer for an unknown id; we throw rather than return null. */
export const DRAFT_NOT_FOUND_MESSAGE = 'Invalid argument: draftId';
const DAY_MS = 24 * 60 * 60 * 1000;

export type SendVia = 'GmailApp' | 'MailApp' | 'draft';

/** A sent message as tests read it: the stored message's text fields, recipients as lists, attachment names. */
export type OutboxEntry = Pick<StoredMessage, (typeof TEXT_FIELDS)[number]> & {
  messageId: string;
  to: string[];
  cc: string[];
  bcc: string[];
  attachments: string[];
  inlineImages: string[];
  at: number;
  via: SendVia;
  /** The account whose Gmail sent it (the execution's effective user). */
  account: string;
};

const TEXT_FIELDS = ['subject', 'body', 'htmlBody', 'name', 'replyTo', 'from', 'noReply'] as const;

export interface SeedAttachment {
  name: string;
  contentType?: string;
  /** Text content, or `base64` for binary. */
  text?: string;
  base64?: string;
}

/** One account's Gmail. */
export interface Mailbox {
  quota: number;
  usage: Array<{ at: number; count: number }>;
  sent: StoredMessage[];
  drafts: Array<{ id: string; message: StoredMessage }>;
  aliases: string[];
}

export interface MailState {
  /** By account email. */
  mailboxes: Record<string, Mailbox>;
  outbox: OutboxEntry[];
  rejections: Record<string, string>;
  nextId: number;
}

/** A snapshot written before mail was per account: one mailbox at the top level. */
type SingleMailboxState = Mailbox & Omit<MailState, 'mailboxes'>;

/** GmailThread as the emulator offers it; its messages are GmailMessages. */
interface ThreadHandle {
  getId(): string;
  getFirstMessageSubject(): string;
  getMessageCount(): number;
  getMessages(): unknown[];
  getLastMessageDate(): Date;
}

export interface MailDeps extends ServiceDeps {
  /** The user the script runs as: the sender. */
  userEmail(): string;
  /** Recipients per rolling 24 hours of an account's mailbox; 100 like a consumer account. */
  mailQuota?: number | ((email: string) => number);
}

export function createMail(rt: Runtime, deps: MailDeps) {
  let state: MailState = { mailboxes: {}, outbox: [], rejections: {}, nextId: 1 };
  const quotaOf = (email: string) =>
    typeof deps.mailQuota === 'function' ? deps.mailQuota(email) : (deps.mailQuota ?? 100);
  const mailboxOf = (email: string): Mailbox =>
    (state.mailboxes[email] ??= { quota: quotaOf(email), usage: [], sent: [], drafts: [], aliases: [] });
  /** The current execution's account's mailbox. */
  const box = () => mailboxOf(deps.userEmail());

  const newId = () => (0x18f00000000 + state.nextId++).toString(16);

  const quotaUsed = () => {
    const since = rt.clock.now() - DAY_MS;
    return box()
      .usage.filter((u) => u.at > since)
      .reduce((sum, u) => sum + u.count, 0);
  };

  const compose = (call: string, composition: Composition, allowFrom: boolean): StoredMessage =>
    composeMessage(rt, call, composition, {
      id: newId(),
      from: deps.userEmail(),
      date: rt.clock.now(),
      allowFrom,
      aliases: box().aliases,
    });

  /** Delivers a message: quota first, then the host's rejected addresses, then the outbox. */
  /** Faults that strike after a delivery: Gmail sent the mail but the script gets an error (undocumented, possible). */
  const lateFaults: Array<{ via: SendVia; message: string; times: number }> = [];
  const lateFault = (via: SendVia): void => {
    const fault = lateFaults.find((f) => f.via === via && f.times > 0);
    if (!fault) return;
    fault.times -= 1;
    throw new AppsScriptError(fault.message);
  };

  const deliver = (message: StoredMessage, via: SendVia): StoredMessage => {
    const recipients = recipientsOf(message);
    const all = [...recipients.to, ...recipients.cc, ...recipients.bcc];
    if (all.length === 0) throw new AppsScriptError(NO_RECIPIENT_MESSAGE);
    const mailbox = box();
    if (quotaUsed() + all.length > mailbox.quota) throw new AppsScriptError(QUOTA_MESSAGE);
    const rejected = all.find((address) => state.rejections[address] !== undefined);
    if (rejected) throw new AppsScriptError(state.rejections[rejected] ?? '');
    const at = rt.clock.now();
    mailbox.usage.push({ at, count: all.length });
    const sent = { ...message, date: at };
    mailbox.sent.push(sent);
    const text = Object.fromEntries(TEXT_FIELDS.map((field) => [field, sent[field]])) as Pick<
      StoredMessage,
      (typeof TEXT_FIELDS)[number]
    >;
    state.outbox.push({
      messageId: sent.id,
      ...recipients,
      ...text,
      attachments: sent.attachments.map((a) => a.name ?? ''),
      inlineImages: Object.keys(sent.inlineImages),
      at,
      via,
      account: deps.userEmail(),
    });
    return sent;
  };

  /** Every message the emulator sends starts its own thread, whose id is the message's (as Gmail's first message). */
  const threadOf = (stored: StoredMessage, isDraft: () => boolean): ThreadHandle => ({
    getId: () => (rt.call('GmailThread', 'getId'), stored.id),
    getFirstMessageSubject: () => (rt.call('GmailThread', 'getFirstMessageSubject'), stored.subject),
    getMessageCount: () => (rt.call('GmailThread', 'getMessageCount'), 1),
    getMessages: () => (rt.call('GmailThread', 'getMessages'), [messageOf(stored, isDraft)]),
    getLastMessageDate: () => (rt.call('GmailThread', 'getLastMessageDate'), new deps.dateCtor(stored.date)),
  });

  const messageOf = (stored: StoredMessage, isDraft: () => boolean) => ({
    getThread: () => (rt.call('GmailMessage', 'getThread'), threadOf(stored, isDraft)),
    getId: () => (rt.call('GmailMessage', 'getId'), stored.id),
    getSubject: () => (rt.call('GmailMessage', 'getSubject'), stored.subject),
    getBody: () => (rt.call('GmailMessage', 'getBody'), stored.htmlBody ?? stored.body),
    getPlainBody: () => (rt.call('GmailMessage', 'getPlainBody'), stored.body),
    getTo: () => (rt.call('GmailMessage', 'getTo'), stored.to),
    getCc: () => (rt.call('GmailMessage', 'getCc'), stored.cc),
    getBcc: () => (rt.call('GmailMessage', 'getBcc'), stored.bcc),
    getReplyTo: () => (rt.call('GmailMessage', 'getReplyTo'), stored.replyTo ?? ''),
    getFrom: () => (rt.call('GmailMessage', 'getFrom'), stored.name ? `${stored.name} <${stored.from}>` : stored.from),
    getDate: () => (rt.call('GmailMessage', 'getDate'), new deps.dateCtor(stored.date)),
    isDraft: () => (rt.call('GmailMessage', 'isDraft'), isDraft()),
    getAttachments: (options?: { includeInlineImages?: boolean; includeAttachments?: boolean }) => {
      rt.call('GmailMessage', 'getAttachments');
      const attachments = options?.includeAttachments === false ? [] : stored.attachments;
      const inline = options?.includeInlineImages === false ? [] : Object.values(stored.inlineImages);
      return [...attachments, ...inline].map((snapshot) => Blob.fromSnapshot(rt, snapshot));
    },
  });

  const findDraft = (id: string) => {
    const draft = box().drafts.find((d) => d.id === id);
    if (!draft) throw new AppsScriptError(DRAFT_NOT_FOUND_MESSAGE);
    return draft;
  };

  const draftOf = (id: string) => {
    const handle = {
      getId: () => (rt.call('GmailDraft', 'getId'), findDraft(id).id),
      getMessageId: () => (rt.call('GmailDraft', 'getMessageId'), findDraft(id).message.id),
      getMessage: () => {
        rt.call('GmailDraft', 'getMessage');
        const mailbox = box();
        return messageOf(findDraft(id).message, () => mailbox.drafts.some((d) => d.id === id));
      },
      send: () => {
        rt.call('GmailDraft', 'send');
        requireAuthorization(deps, 'GmailDraft.send', SCOPES.gmail);
        const draft = findDraft(id);
        const sent = deliver(draft.message, 'draft');
        box().drafts = box().drafts.filter((d) => d.id !== id);
        lateFault('draft');
        return messageOf(sent, () => false);
      },
      update: (recipient: unknown, subject: unknown, body: unknown, options?: unknown) => {
        rt.call('GmailDraft', 'update');
        const composition = compositionOf('GmailDraft.update', [recipient, subject, body, options]);
        const draft = findDraft(id);
        draft.message = compose('GmailDraft.update', composition, true);
        return handle;
      },
      deleteDraft: () => {
        rt.call('GmailDraft', 'deleteDraft');
        findDraft(id);
        box().drafts = box().drafts.filter((d) => d.id !== id);
      },
    };
    return handle;
  };

  const gmailAccess = (method: string) => {
    rt.call('GmailApp', method);
    requireAuthorization(deps, `GmailApp.${method}`, SCOPES.gmail);
  };

  const GmailApp = {
    sendEmail(...args: unknown[]) {
      gmailAccess('sendEmail');
      deliver(compose('GmailApp.sendEmail', compositionOf('GmailApp.sendEmail', args), true), 'GmailApp');
      lateFault('GmailApp');
      return GmailApp;
    },
    createDraft(...args: unknown[]) {
      gmailAccess('createDraft');
      const message = compose('GmailApp.createDraft', compositionOf('GmailApp.createDraft', args), true);
      const id = `r-${message.id}`;
      box().drafts.push({ id, message });
      return draftOf(id);
    },
    getDrafts() {
      gmailAccess('getDrafts');
      return box().drafts.map((d) => draftOf(d.id));
    },
    getDraft(id: unknown) {
      gmailAccess('getDraft');
      if (typeof id !== 'string') throw signatureError('GmailApp.getDraft', [id]);
      return draftOf(findDraft(id).id);
    },
    getDraftMessages() {
      gmailAccess('getDraftMessages');
      const mailbox = box();
      return mailbox.drafts.map((d) => messageOf(d.message, () => mailbox.drafts.includes(d)));
    },
    /** The sent mail of this account matching `query`: words, `to:`, `from:`, `subject:` and `in:sent` only. */
    search(query: unknown, start?: unknown, max?: unknown) {
      gmailAccess('search');
      if (
        typeof query !== 'string' ||
        (start !== undefined && typeof start !== 'number') ||
        (max !== undefined && typeof max !== 'number')
      ) {
        throw signatureError('GmailApp.search', [query, start, max].slice(0, arguments.length));
      }
      const matches = matcherOf(query);
      const found = box().sent.filter(matches).reverse();
      const from = start ?? 0;
      return found.slice(from, max === undefined ? undefined : from + max).map((m) => threadOf(m, () => false));
    },
    getAliases() {
      gmailAccess('getAliases');
      return [...box().aliases];
    },
  };

  const MailApp = {
    sendEmail(...args: unknown[]): void {
      rt.call('MailApp', 'sendEmail');
      requireAuthorization(deps, 'MailApp.sendEmail', SCOPES.sendMail);
      deliver(compose('MailApp.sendEmail', mailAppComposition(args), false), 'MailApp');
      lateFault('MailApp');
    },
    getRemainingDailyQuota(): number {
      rt.call('MailApp', 'getRemainingDailyQuota');
      // Google lists the send_mail scope for this read too, so a simple trigger cannot ask.
      requireAuthorization(deps, 'MailApp.getRemainingDailyQuota', SCOPES.sendMail);
      return Math.max(0, box().quota - quotaUsed());
    },
  };

  const host = {
    /** Every delivered message, oldest first. */
    get outbox(): readonly OutboxEntry[] {
      return state.outbox;
    },
    /** Seeds a draft as staff would write one in Gmail (a campaign template), in `account`'s Gmail (default: the current one); returns its id. */
    addDraft(
      draft: {
        subject: string;
        body: string;
        htmlBody?: string;
        to?: string;
        attachments?: SeedAttachment[];
        inlineImages?: Record<string, SeedAttachment>;
      },
      account = deps.userEmail(),
    ): string {
      const id = newId();
      mailboxOf(account).drafts.push({
        id: `r-${id}`,
        message: {
          id,
          to: draft.to ?? '',
          cc: '',
          bcc: '',
          subject: draft.subject,
          body: draft.body,
          htmlBody: draft.htmlBody ?? null,
          name: null,
          replyTo: null,
          from: account,
          attachments: (draft.attachments ?? []).map(seedSnapshot),
          inlineImages: Object.fromEntries(
            Object.entries(draft.inlineImages ?? {}).map(([key, a]) => [key, seedSnapshot(a)]),
          ),
          noReply: false,
          date: rt.clock.now(),
        },
      });
      return `r-${id}`;
    },
    /** The drafts in `account`'s Gmail (default: the current account's). */
    drafts(account = deps.userEmail()) {
      return mailboxOf(account).drafts.map((d) => ({
        id: d.id,
        to: d.message.to,
        subject: d.message.subject,
        body: d.message.body,
        htmlBody: d.message.htmlBody,
        attachments: d.message.attachments.map((a) => a.name ?? ''),
        inlineImages: Object.keys(d.message.inlineImages),
      }));
    },
    /** Sends that include `address` throw `message`, as Gmail does for a rejected recipient. */
    rejectAddress(address: string, message: string): void {
      state.rejections[address.toLowerCase()] = message;
    },
    /**
     * The next `times` deliveries through `via` (`draft` for GmailDraft.send) succeed and then throw `message`:
     * the mail is in the outbox and the draft gone, but the script sees an error (`rt.failOn` strikes before).
     */
    failAfterDelivery(via: SendVia, message: string, times = 1): void {
      lateFaults.push({ via, message, times });
    },
    clearRejections(): void {
      state.rejections = {};
    },
    setAliases(aliases: string[], account = deps.userEmail()): void {
      mailboxOf(account).aliases = [...aliases];
    },
    setQuota(recipientsPerDay: number, account = deps.userEmail()): void {
      mailboxOf(account).quota = recipientsPerDay;
    },
    /** Recipients the current account sent to in the last 24 hours of emulator time. */
    quotaUsed,
    /** Messages in `account`'s Sent mail, oldest first. */
    sent: (account = deps.userEmail()): readonly StoredMessage[] => mailboxOf(account).sent,
    clearOutbox(): void {
      state.outbox = [];
    },
    toJSON(): MailState {
      return structuredClone(state);
    },
    restore(json: MailState | SingleMailboxState): void {
      if ('mailboxes' in json) {
        state = structuredClone(json);
        return;
      }
      const { quota, usage, sent, drafts, aliases, outbox, rejections, nextId } = structuredClone(json);
      const owner = deps.userEmail();
      state = {
        mailboxes: { [owner]: { quota, usage, sent, drafts, aliases } },
        outbox: outbox.map((e) => ({ ...e, account: e.account ?? owner })),
        rejections,
        nextId,
      };
    },
  };

  return { globals: { GmailApp, MailApp }, host };
}

/** A Gmail search query over sent messages; operators the emulator does not model throw rather than match wrongly. */
function matcherOf(query: string): (message: StoredMessage) => boolean {
  const tests: Array<(m: StoredMessage) => boolean> = [];
  const has = (field: string, needle: string) => field.toLowerCase().includes(needle.toLowerCase());
  for (const term of query.match(/\S+:"[^"]*"|"[^"]*"|\S+/g) ?? []) {
    const [, operator, raw] = /^(?:([a-z]+):)?(.*)$/i.exec(term) as RegExpExecArray;
    const value = (raw ?? '').replace(/^"|"$/g, '');
    if (operator === undefined) tests.push((m) => has(m.subject, value) || has(m.body, value));
    else if (operator === 'to') tests.push((m) => has(`${m.to},${m.cc},${m.bcc}`, value));
    else if (operator === 'from') tests.push((m) => has(m.from, value));
    else if (operator === 'subject') tests.push((m) => has(m.subject, value));
    else if (operator === 'in' && value === 'sent') continue;
    else throw new AppsScriptError(`The emulator's GmailApp.search does not model "${term}"`);
  }
  return (m) => tests.every((test) => test(m));
}

function seedSnapshot(attachment: SeedAttachment): BlobSnapshot {
  return {
    name: attachment.name,
    contentType: attachment.contentType ?? 'text/plain',
    base64: attachment.base64 ?? Buffer.from(attachment.text ?? '', 'utf8').toString('base64'),
  };
}

/** GmailApp's (recipient, subject, body[, options]). */
function compositionOf(call: string, args: readonly unknown[]): Composition {
  const [to, subject, body, options] = args;
  if (typeof to !== 'string' || typeof subject !== 'string' || typeof body !== 'string' || args.length > 4) {
    throw signatureError(call, args);
  }
  return { to, subject, body, options };
}

/** MailApp's overloads: (message), (recipient, subject, body[, options]) and (recipient, replyTo, subject, body). */
function mailAppComposition(args: readonly unknown[]): Composition {
  if (args.length === 1 && typeof args[0] === 'object' && args[0] !== null && !Array.isArray(args[0])) {
    const { to, subject, body, ...options } = args[0] as Record<string, unknown>;
    const htmlBody = options.htmlBody;
    if (typeof to !== 'string' || typeof subject !== 'string') throw signatureError('MailApp.sendEmail', args);
    if (body !== undefined && typeof body !== 'string') throw signatureError('MailApp.sendEmail', args);
    if (body === undefined && typeof htmlBody !== 'string') throw signatureError('MailApp.sendEmail', args);
    return { to, subject, body: body ?? '', options };
  }
  if (args.length === 4 && args.every((a) => typeof a === 'string')) {
    const [to, replyTo, subject, body] = args as string[];
    return { to: to ?? '', subject: subject ?? '', body: body ?? '', options: { replyTo } };
  }
  return compositionOf('MailApp.sendEmail', args);
}

export type MailHost = ReturnType<typeof createMail>['host'];
