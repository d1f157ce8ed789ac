// Turning sendEmail/createDraft arguments into a stored message, with Google's validation and wording.
import { AppsScriptError, type Runtime } from '../runtime';
import { snapshotOf, type BlobSnapshot } from './blob';
import { signatureError } from './context';

export interface StoredMessage {
  id: string;
  /** As the script gave them: comma-separated lists. */
  to: string;
  cc: string;
  bcc: string;
  subject: string;
  body: string;
  htmlBody: string | null;
  name: string | null;
  replyTo: string | null;
  from: string;
  attachments: BlobSnapshot[];
  inlineImages: Record<string, BlobSnapshot>;
  noReply: boolean;
  date: number;
  /** The Gmail thread it belongs to; absent for the first message of its own thread (id = thread id). */
  threadId?: string;
  /** RFC 2822 headers beyond the ones above (X-Failed-Recipients on a delivery-failure notice). */
  headers?: Record<string, string>;
  /** Extra MIME parts after the body, as getRawContent shows them (a notice's message/delivery-status). */
  rawParts?: string;
}

export interface Composition {
  to: string;
  subject: string;
  body: string;
  options: unknown;
}

const ADDRESS = /^[^\s@<>,;"()]+@[^\s@<>,;"()]+\.[^\s@<>,;"()]+$/;
const SUBJECT_MAX = 250;

/** The bare addresses of a comma-separated list (`Name <a@b.c>` allowed); throws `Invalid email: …`. */
export function parseAddresses(list: string): string[] {
  const addresses: string[] = [];
  for (const raw of list.split(',')) {
    const item = raw.trim();
    if (item === '') continue;
    const angled = /<([^<>]*)>\s*$/.exec(item);
    const address = (angled ? (angled[1] ?? '') : item).trim();
    if (!ADDRESS.test(address)) throw new AppsScriptError(`Invalid email: ${item}`);
    addresses.push(address.toLowerCase());
  }
  return addresses;
}

const STRING_OPTIONS = ['htmlBody', 'name', 'replyTo', 'cc', 'bcc', 'from'] as const;

/**
 * Validates and stores one message. `allowFrom` is GmailApp's (MailApp has no `from`); `aliases` are the
 * addresses `from` may name.
 */
export function composeMessage(
  rt: Runtime,
  call: string,
  composition: Composition,
  context: { id: string; from: string; date: number; allowFrom: boolean; aliases: readonly string[] },
): StoredMessage {
  const { to, subject, body, options } = composition;
  if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options))) {
    throw signatureError(call, [to, subject, body, options]);
  }
  const given = (options ?? {}) as Record<string, unknown>;
  for (const key of STRING_OPTIONS) {
    if (given[key] !== undefined && typeof given[key] !== 'string')
      throw new AppsScriptError(`Invalid argument: ${key}`);
  }
  if (subject.length > SUBJECT_MAX) throw new AppsScriptError('Argument too large: subject');
  parseAddresses(to);
  const cc = (given.cc as string | undefined) ?? '';
  const bcc = (given.bcc as string | undefined) ?? '';
  parseAddresses(cc);
  parseAddresses(bcc);
  const replyTo = (given.replyTo as string | undefined) ?? null;
  if (replyTo !== null) parseAddresses(replyTo);
  let from = context.from;
  if (context.allowFrom && given.from !== undefined) {
    const wanted = (given.from as string).toLowerCase();
    if (wanted !== context.from.toLowerCase() && !context.aliases.some((a) => a.toLowerCase() === wanted)) {
      throw new AppsScriptError('Invalid argument: from');
    }
    from = given.from as string;
  }
  if (given.noReply !== undefined && typeof given.noReply !== 'boolean')
    throw new AppsScriptError('Invalid argument: noReply');
  return {
    id: context.id,
    to,
    cc,
    bcc,
    subject,
    body,
    htmlBody: (given.htmlBody as string | undefined) ?? null,
    name: (given.name as string | undefined) ?? null,
    replyTo,
    from,
    attachments: attachmentsOf(rt, given.attachments),
    inlineImages: inlineImagesOf(rt, given.inlineImages),
    noReply: given.noReply === true,
    date: context.date,
  };
}

function attachmentsOf(rt: Runtime, value: unknown): BlobSnapshot[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new AppsScriptError('Invalid argument: attachments');
  return value.map((item) => {
    const snapshot = snapshotOf(rt, item);
    if (!snapshot) throw new AppsScriptError('Invalid argument: attachments');
    return snapshot;
  });
}

function inlineImagesOf(rt: Runtime, value: unknown): Record<string, BlobSnapshot> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new AppsScriptError('Invalid argument: inlineImages');
  const images: Record<string, BlobSnapshot> = {};
  for (const [key, item] of Object.entries(value)) {
    const snapshot = snapshotOf(rt, item);
    if (!snapshot) throw new AppsScriptError('Invalid argument: inlineImages');
    images[key] = snapshot;
  }
  return images;
}

/** Everyone a send reaches: to, cc and bcc each count against the quota. */
export function recipientsOf(message: StoredMessage): { to: string[]; cc: string[]; bcc: string[] } {
  return { to: parseAddresses(message.to), cc: parseAddresses(message.cc), bcc: parseAddresses(message.bcc) };
}
