// Delivery-status notices (RFC 3464) as Gmail hands them over: which address failed, and whether for good.
// A notice names the address in X-Failed-Recipients (failures only) and in the delivery-status part's
// Final-Recipient; its Status says 5.x.x (permanent: the address is bad) or 4.x.x (temporary: try again).

export type BounceKind = 'hard' | 'soft';

export interface DeliveryFailure {
  /** The failed address, lower case. */
  address: string;
  kind: BounceKind;
  /** The DSN status code, e.g. `5.1.1`. */
  status: string;
  /** The remote server's words, for the reason column; may be blank. */
  diagnostic: string;
}

/** What a notice looks like from outside: the sender, the subject, one header and the raw message. */
export interface NoticeParts {
  from: string;
  subject: string;
  /** The X-Failed-Recipients header, blank when absent. */
  failedRecipients: string;
  raw: string;
}

const DAEMON_SENDER = /\b(mailer-daemon|postmaster)@/i;
const NOTICE_SUBJECT =
  /delivery status notification|undeliverable|undelivered mail|delivery (has )?failed|returned mail|failure notice/i;

/** Whether a message is a delivery-status notice rather than a person's mail. */
export function isDeliveryNotice(from: string, subject: string): boolean {
  return DAEMON_SENDER.test(from) || NOTICE_SUBJECT.test(subject);
}

const ADDRESS = /[^\s<>;,"()]+@[^\s<>;,"()]+\.[^\s<>;,"()]+/;

function field(raw: string, name: string): string {
  const match = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(raw);
  return match?.[1]?.trim() ?? '';
}

/**
 * The failure a notice reports, or null when it names no address or no status we can trust. The Status
 * line decides hard or soft; without one, a listed X-Failed-Recipients means the delivery failed for good.
 */
export function parseDeliveryFailure(notice: NoticeParts): DeliveryFailure | null {
  const finalRecipient = field(notice.raw, 'Final-Recipient');
  const address = (ADDRESS.exec(finalRecipient)?.[0] ?? ADDRESS.exec(notice.failedRecipients)?.[0] ?? '').toLowerCase();
  if (address === '') return null;
  const status = /\b([245])\.\d{1,3}\.\d{1,3}\b/.exec(field(notice.raw, 'Status'))?.[0] ?? '';
  const diagnostic = field(notice.raw, 'Diagnostic-Code').replace(/^smtp;\s*/i, '');
  if (status.startsWith('5')) return { address, kind: 'hard', status, diagnostic };
  if (status.startsWith('4')) return { address, kind: 'soft', status, diagnostic };
  if (status === '' && notice.failedRecipients.trim() !== '')
    return { address, kind: 'hard', status: '5.0.0', diagnostic };
  return null;
}
