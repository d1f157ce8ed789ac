// The received side of an emulated Gmail: delivery-failure notices for addresses marked as bouncing, and the
// search query forms the add-on uses, read as Gmail documents them (messages match; threads are returned).
import { AppsScriptError } from '../runtime';
import type { StoredMessage } from './mail-compose';

export type BounceKind = 'hard' | 'soft';

export const MAILER_DAEMON = 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>';

/** Gmail's notice for a failed (hard: 5.1.1) or delayed (soft: 4.4.7) delivery, as GmailApp reads it. */
export function deliveryNotice(
  original: StoredMessage,
  address: string,
  kind: BounceKind,
  context: { id: string; date: number; account: string },
): StoredMessage {
  const status = kind === 'hard' ? '5.1.1' : '4.4.7';
  const action = kind === 'hard' ? 'failed' : 'delayed';
  const diagnostic =
    kind === 'hard'
      ? `smtp; 550-${status} The email account that you tried to reach does not exist.`
      : `smtp; 421-${status} The recipient server did not accept our requests to connect.`;
  const human =
    kind === 'hard'
      ? `Address not found\n\nYour message wasn't delivered to ${address} because the address couldn't be found, or is unable to receive mail.`
      : `Message not delivered yet\n\nThere was a temporary problem delivering your message to ${address}. Gmail will retry.`;
  return {
    id: context.id,
    to: context.account,
    cc: '',
    bcc: '',
    subject: kind === 'hard' ? 'Delivery Status Notification (Failure)' : 'Delivery Status Notification (Delay)',
    body: human,
    htmlBody: null,
    name: null,
    replyTo: null,
    from: MAILER_DAEMON,
    attachments: [],
    inlineImages: {},
    noReply: false,
    date: context.date,
    // Gmail names the failed address in this header on failures only, not on delays.
    headers: kind === 'hard' ? { 'X-Failed-Recipients': address } : {},
    rawParts: [
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; googlemail.com',
      '',
      `Final-Recipient: rfc822; ${address}`,
      `Action: ${action}`,
      `Status: ${status}`,
      `Diagnostic-Code: ${diagnostic}`,
      '',
      'Content-Type: text/rfc822-headers',
      '',
      `From: ${original.from}`,
      `To: ${original.to}`,
      `Subject: ${original.subject}`,
    ].join('\r\n'),
  };
}

/** What getRawContent shows: the headers, a blank line, the body and any further parts. */
export function rawContentOf(message: StoredMessage): string {
  const headers = [
    `From: ${message.name ? `${message.name} <${message.from}>` : message.from}`,
    `To: ${message.to}`,
    ...(message.cc ? [`Cc: ${message.cc}`] : []),
    `Subject: ${message.subject}`,
    `Date: ${new Date(message.date).toUTCString()}`,
    ...Object.entries(message.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
  ];
  return [...headers, '', message.body, ...(message.rawParts ? ['', message.rawParts] : [])].join('\r\n');
}

/** Gmail's search form of a label name: lower case, spaces and slashes as hyphens. */
export function labelSearchName(name: string): string {
  return name.toLowerCase().replace(/[\s/]+/g, '-');
}

export interface SearchableMessage {
  message: StoredMessage;
  /** In the account's Sent mail (not received). */
  sent: boolean;
  /** Search names of its thread's labels. */
  labels: readonly string[];
}

/**
 * A Gmail search query over one message. Modelled: words, `to:`, `from:`, `subject:`, `in:sent`, `in:inbox`,
 * `after:`/`before:` in epoch seconds, `label:`, `-label:`, `from:me` and `-from:`. Anything else throws rather than match wrongly
 * (dates as yyyy/mm/dd are read by Gmail in its own time zone: we do not model that).
 */
export function matcherOf(query: string): (candidate: SearchableMessage) => boolean {
  const tests: Array<(c: SearchableMessage) => boolean> = [];
  const has = (field: string, needle: string) => field.toLowerCase().includes(needle.toLowerCase());
  for (const term of query.match(/-?\S+:"[^"]*"|"[^"]*"|\S+/g) ?? []) {
    const [, negated, operator, raw] = /^(-)?(?:([a-z]+):)?(.*)$/i.exec(term) as RegExpExecArray;
    const value = (raw ?? '').replace(/^"|"$/g, '');
    const seconds = /^\d+$/.test(value) ? Number(value) * 1000 : NaN;
    let test: ((c: SearchableMessage) => boolean) | null = null;
    if (operator === undefined && !negated) test = (c) => has(c.message.subject, value) || has(c.message.body, value);
    else if (operator === 'to') test = (c) => has(`${c.message.to},${c.message.cc},${c.message.bcc}`, value);
    else if (operator === 'from' && value === 'me') test = (c) => c.sent;
    else if (operator === 'from') test = (c) => has(c.message.from, value);
    else if (operator === 'subject') test = (c) => has(c.message.subject, value);
    else if (operator === 'in' && value === 'sent') test = (c) => c.sent;
    else if (operator === 'in' && value === 'inbox') test = (c) => !c.sent;
    else if (operator === 'after' && Number.isFinite(seconds)) test = (c) => c.message.date > seconds;
    else if (operator === 'before' && Number.isFinite(seconds)) test = (c) => c.message.date < seconds;
    else if (operator === 'label') test = (c) => c.labels.includes(labelSearchName(value));
    if (test === null || (negated && operator !== 'label' && operator !== 'from'))
      throw new AppsScriptError(`The emulator's GmailApp.search does not model "${term}"`);
    const positive = test;
    tests.push(negated ? (c) => !positive(c) : positive);
  }
  return (c) => tests.every((test) => test(c));
}
