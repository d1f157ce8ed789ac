// GmailApp and MailApp: each account has its own mailbox (drafts, sent mail) and recipient quota, shared by both
// services; the host's outbox lists every account's deliveries, each with its sender account.
import { AppsScriptError, type Runtime } from '../runtime';
import { Blob, type BlobSnapshot } from './blob';
import { requireAuthorization, SCOPES, signatureError, type ServiceDeps } from './context';
import { composeMessage, parseAddresses, recipientsOf, type Composition, type StoredMessage } from './mail-compose';
import {
  deliveryNotice,
  labelSearchName,
  matcherOf,
  rawContentOf,
  type BounceKind,
  type SearchableMessage,
} from './mail-inbox';

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
  /** Mail that came in (client mail, replies, delivery-failure notices); a message dated later is not there yet. */
  received?: StoredMessage[];
  /** User labels by name: the ids of the threads carrying each. */
  labels?: Record<string, string[]>;
}

export interface MailState {
  /** By account email. */
  mailboxes: Record<string, Mailbox>;
  outbox: OutboxEntry[];
  rejections: Record<string, string>;
  nextId: number;
  /** Addresses whose mail comes back as a delivery-failure notice this many minutes after the send. */
  bouncing?: Record<string, { kind: BounceKind; afterMinutes: number }>;
}

/** A snapshot written before mail was per account: one mailbox at the top level. */
type SingleMailboxState = Mailbox & Omit<MailState, 'mailboxes'>;

/** GmailThread as the emulator offers it; its messages are GmailMessages. */
interface ThreadHandle {
  getId(): string;
  getFirstMessageSubject(): string;
  getMessageCount(): number;
  getMessages(): MessageHandle[];
  getLastMessageDate(): Date;
}

/** A thread of an account's mailbox: its labels, and a reply drafted in it. */
interface MailboxThreadHandle extends ThreadHandle {
  getLabels(): LabelHandle[];
  addLabel(label: { getName(): string }): MailboxThreadHandle;
  createDraftReply(body: unknown, options?: unknown): DraftHandle;
}

interface LabelHandle {
  getName(): string;
  addToThread(thread: { getId(): string }): void;
}

interface DraftHandle {
  getId(): string;
  getMessageId(): string;
  getMessage(): MessageHandle;
  send(): MessageHandle;
  update(recipient: unknown, subject: unknown, body: unknown, options?: unknown): DraftHandle;
  deleteDraft(): void;
}

/** GmailMessage as the emulator offers it. */
interface MessageHandle {
  getThread(): ThreadHandle | MailboxThreadHandle;
  getHeader(name: unknown): string;
  getRawContent(): string;
  getId(): string;
  getSubject(): string;
  getBody(): string;
  getPlainBody(): string;
  getTo(): string;
  getCc(): string;
  getBcc(): string;
  getReplyTo(): string;
  getFrom(): string;
  getDate(): Date;
  isDraft(): boolean;
  getAttachments(options?: { includeInlineImages?: boolean; includeAttachments?: boolean }): Blob[];
}

/** Gmail's most threads for one search page. */
const SEARCH_MAX = 500;
const threadIdOf = (message: StoredMessage) => message.threadId ?? message.id;

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
    for (const address of all) {
      const bounce = state.bouncing?.[address];
      if (!bounce) continue;
      const date = at + bounce.afterMinutes * 60_000;
      receivedOf(mailbox).push(
        deliveryNotice(sent, address, bounce.kind, { id: newId(), date, account: deps.userEmail() }),
      );
    }
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

  const receivedOf = (mailbox: Mailbox) => (mailbox.received ??= []);
  const labelsOf = (mailbox: Mailbox) => (mailbox.labels ??= {});
  /** The account's mail as Gmail shows it now: sent and received, none dated after the clock. */
  const visibleMail = (mailbox: Mailbox): SearchableMessage[] => {
    const now = rt.clock.now();
    const labelled = (threadId: string) =>
      Object.entries(labelsOf(mailbox))
        .filter(([, threads]) => threads.includes(threadId))
        .map(([name]) => labelSearchName(name));
    return [
      ...mailbox.sent.map((message) => ({ message, sent: true })),
      ...receivedOf(mailbox).map((message) => ({ message, sent: false })),
    ]
      .filter((c) => c.message.date <= now)
      .map((c) => ({ ...c, labels: labelled(threadIdOf(c.message)) }));
  };
  const threadMessages = (mailbox: Mailbox, threadId: string) =>
    visibleMail(mailbox)
      .filter((c) => threadIdOf(c.message) === threadId)
      .map((c) => c.message)
      .sort((a, b) => a.date - b.date);

  const labelOf = (mailbox: Mailbox, name: string): LabelHandle => ({
    getName: () => (rt.call('GmailLabel', 'getName'), name),
    addToThread: (thread: { getId(): string }) => {
      rt.call('GmailLabel', 'addToThread');
      const threads = (labelsOf(mailbox)[name] ??= []);
      const id = thread.getId();
      if (!threads.includes(id)) threads.push(id);
    },
  });

  /** A thread of the account's mailbox: every visible message with its id, oldest first. */
  const mailboxThread = (mailbox: Mailbox, threadId: string): MailboxThreadHandle => {
    const messages = () => threadMessages(mailbox, threadId);
    const thread: MailboxThreadHandle = {
      getId: () => (rt.call('GmailThread', 'getId'), threadId),
      getFirstMessageSubject: () => (rt.call('GmailThread', 'getFirstMessageSubject'), messages()[0]?.subject ?? ''),
      getMessageCount: () => (rt.call('GmailThread', 'getMessageCount'), messages().length),
      getMessages: () => (rt.call('GmailThread', 'getMessages'), messages().map((m) => messageOf(m, () => false))),
      getLastMessageDate: () => (
        rt.call('GmailThread', 'getLastMessageDate'),
        new deps.dateCtor(messages().at(-1)?.date ?? 0)
      ),
      getLabels: () => {
        rt.call('GmailThread', 'getLabels');
        return Object.entries(labelsOf(mailbox))
          .filter(([, threads]) => threads.includes(threadId))
          .map(([name]) => labelOf(mailbox, name));
      },
      addLabel: (label: { getName(): string }) => {
        rt.call('GmailThread', 'addLabel');
        const name = label.getName();
        if (!(name in labelsOf(mailbox))) throw new AppsScriptError('Invalid argument: label');
        const threads = labelsOf(mailbox)[name] ?? [];
        if (!threads.includes(threadId)) threads.push(threadId);
        return thread;
      },
      /** A draft answering the thread's last message: to its sender, or to its recipients when we sent it. */
      createDraftReply: (body: unknown, options?: unknown) => {
        rt.call('GmailThread', 'createDraftReply');
        requireAuthorization(deps, 'GmailThread.createDraftReply', SCOPES.gmail);
        if (typeof body !== 'string') throw signatureError('GmailThread.createDraftReply', [body, options]);
        const all = messages();
        const last = all.at(-1);
        if (!last) throw new AppsScriptError('Invalid argument: thread');
        const own = mailbox.sent.includes(last);
        const to = own ? last.to : (parseAddresses(last.from)[0] ?? last.from);
        const subject = `Re: ${(all[0]?.subject ?? '').replace(/^re:\s*/i, '')}`;
        const message = compose('GmailThread.createDraftReply', { to, subject, body, options }, true);
        message.threadId = threadId;
        const id = `r-${message.id}`;
        box().drafts.push({ id, message });
        return draftOf(id);
      },
    };
    return thread;
  };

  /** A draft's own thread: itself only, until it is sent. */
  const threadOf = (stored: StoredMessage, isDraft: () => boolean): ThreadHandle => ({
    getId: () => (rt.call('GmailThread', 'getId'), stored.id),
    getFirstMessageSubject: () => (rt.call('GmailThread', 'getFirstMessageSubject'), stored.subject),
    getMessageCount: () => (rt.call('GmailThread', 'getMessageCount'), 1),
    getMessages: () => (rt.call('GmailThread', 'getMessages'), [messageOf(stored, isDraft)]),
    getLastMessageDate: () => (rt.call('GmailThread', 'getLastMessageDate'), new deps.dateCtor(stored.date)),
  });

  const messageOf = (stored: StoredMessage, isDraft: () => boolean): MessageHandle => ({
    getThread: () => {
      rt.call('GmailMessage', 'getThread');
      return isDraft() ? threadOf(stored, isDraft) : mailboxThread(box(), threadIdOf(stored));
    },
    /** An RFC 2822 header's value; empty when the message has none. */
    getHeader: (name: unknown) => {
      rt.call('GmailMessage', 'getHeader');
      if (typeof name !== 'string') throw signatureError('GmailMessage.getHeader', [name]);
      const found = Object.entries(stored.headers ?? {}).find(([key]) => key.toLowerCase() === name.toLowerCase());
      return found ? found[1] : '';
    },
    getRawContent: () => (rt.call('GmailMessage', 'getRawContent'), rawContentOf(stored)),
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

  const draftOf = (id: string): DraftHandle => {
    const handle: DraftHandle = {
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
    /**
     * Threads of this account with a message matching `query` (forms: see matcherOf), the most recently active
     * first. Gmail fails an unpaged search whose answer is too large; we fail one past SEARCH_MAX threads.
     */
    search(query: unknown, start?: unknown, max?: unknown) {
      gmailAccess('search');
      if (
        typeof query !== 'string' ||
        (start !== undefined && typeof start !== 'number') ||
        (max !== undefined && typeof max !== 'number')
      ) {
        throw signatureError('GmailApp.search', [query, start, max].slice(0, arguments.length));
      }
      if (max !== undefined && max > SEARCH_MAX) throw new AppsScriptError('Invalid argument: max');
      const mailbox = box();
      const matches = matcherOf(query);
      const lastDate = new Map<string, number>();
      for (const c of visibleMail(mailbox)) {
        const id = threadIdOf(c.message);
        lastDate.set(id, Math.max(lastDate.get(id) ?? 0, c.message.date));
      }
      const threadIds = [
        ...new Set(
          visibleMail(mailbox)
            .filter(matches)
            .map((c) => threadIdOf(c.message)),
        ),
      ].sort((a, b) => (lastDate.get(b) ?? 0) - (lastDate.get(a) ?? 0));
      if (max === undefined && threadIds.length > SEARCH_MAX)
        throw new AppsScriptError('Argument too large: the search answer; page it with start and max');
      const from = start ?? 0;
      return threadIds.slice(from, max === undefined ? undefined : from + max).map((id) => mailboxThread(mailbox, id));
    },
    /** A thread of this account by id; throws for an id it does not have (Google leaves the answer undocumented). */
    getThreadById(id: unknown) {
      gmailAccess('getThreadById');
      if (typeof id !== 'string') throw signatureError('GmailApp.getThreadById', [id]);
      const mailbox = box();
      if (threadMessages(mailbox, id).length === 0) throw new AppsScriptError('Invalid argument: id');
      return mailboxThread(mailbox, id);
    },
    getUserLabelByName(name: unknown) {
      gmailAccess('getUserLabelByName');
      if (typeof name !== 'string') throw signatureError('GmailApp.getUserLabelByName', [name]);
      const mailbox = box();
      return name in labelsOf(mailbox) ? labelOf(mailbox, name) : null;
    },
    createLabel(name: unknown) {
      gmailAccess('createLabel');
      if (typeof name !== 'string' || name.trim() === '') throw signatureError('GmailApp.createLabel', [name]);
      const mailbox = box();
      labelsOf(mailbox)[name] ??= [];
      return labelOf(mailbox, name);
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
    /** A delivery-failure notice for a mail already sent (the playground's "bounce"), arriving now. */
    bounceSent(messageId: string, kind: BounceKind = 'hard', account = deps.userEmail()): void {
      const mailbox = mailboxOf(account);
      const sent = mailbox.sent.find((m) => m.id === messageId);
      if (!sent) throw new Error(`No sent message ${messageId} in ${account}'s mailbox`);
      const { to, cc, bcc } = recipientsOf(sent);
      for (const address of [...to, ...cc, ...bcc])
        receivedOf(mailbox).push(deliveryNotice(sent, address, kind, { id: newId(), date: rt.clock.now(), account }));
    },
    /** Mail to `address` comes back as a delivery-failure notice in the sender's inbox `afterMinutes` later. */
    markBouncing(address: string, kind: BounceKind, afterMinutes = 5): void {
      (state.bouncing ??= {})[address.toLowerCase()] = { kind, afterMinutes };
    },
    /**
     * Mail arriving in `account`'s inbox (default: the current one) at `at` (default: now); with `threadId`, in
     * that thread (a reply). Answers the message's and its thread's ids.
     */
    receive(
      mail: { from: string; subject: string; body: string; to?: string; at?: number; threadId?: string },
      account = deps.userEmail(),
    ): { messageId: string; threadId: string } {
      const id = newId();
      const message: StoredMessage = {
        id,
        to: mail.to ?? account,
        cc: '',
        bcc: '',
        subject: mail.subject,
        body: mail.body,
        htmlBody: null,
        name: null,
        replyTo: null,
        from: mail.from,
        attachments: [],
        inlineImages: {},
        noReply: false,
        date: mail.at ?? rt.clock.now(),
        ...(mail.threadId ? { threadId: mail.threadId } : {}),
      };
      receivedOf(mailboxOf(account)).push(message);
      return { messageId: id, threadId: threadIdOf(message) };
    },
    /** A client answering in a thread of `account`'s mailbox. */
    replyAsClient(threadId: string, from: string, body: string, at?: number, account = deps.userEmail()) {
      const first =
        mailboxOf(account).sent.find((m) => threadIdOf(m) === threadId) ??
        receivedOf(mailboxOf(account)).find((m) => threadIdOf(m) === threadId);
      return host.receive(
        { from, subject: `Re: ${first?.subject ?? ''}`, body, threadId, ...(at ? { at } : {}) },
        account,
      );
    },
    /**
     * Staff answering in Gmail by hand in a thread: a sent message from `account` to the thread's other party.
     * Not in the outbox and not counted against the script's quota (the Gmail page is not the script).
     */
    replyAsStaff(threadId: string, body: string, at?: number, account = deps.userEmail()): string {
      const mailbox = mailboxOf(account);
      const last = [...mailbox.sent, ...receivedOf(mailbox)]
        .filter((m) => threadIdOf(m) === threadId)
        .sort((a, b) => a.date - b.date)
        .at(-1);
      if (!last) throw new Error(`No thread ${threadId} in ${account}'s mailbox`);
      const id = newId();
      mailbox.sent.push({
        ...last,
        id,
        to: mailbox.sent.includes(last) ? last.to : last.from,
        from: account,
        subject: `Re: ${last.subject.replace(/^re:\s*/i, '')}`,
        body,
        htmlBody: null,
        headers: {},
        rawParts: undefined,
        date: at ?? rt.clock.now(),
        threadId,
      });
      return id;
    },
    /** The received mail of `account` (default: the current one), delivery notices included, any date. */
    received: (account = deps.userEmail()): readonly StoredMessage[] => receivedOf(mailboxOf(account)),
    /** Thread ids carrying the label `name` in `account`'s Gmail. */
    labelled: (name: string, account = deps.userEmail()): readonly string[] => labelsOf(mailboxOf(account))[name] ?? [],
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
