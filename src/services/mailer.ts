// The one adapter over Gmail: every mail the add-on sends goes through here. GmailApp (scope
// https://mail.google.com/) because drafts serve as templates and make exactly-once sending possible;
// switching to MailApp (script.send_mail) means changing this file only (see docs/mail.md).

type BlobSource = GoogleAppsScript.Base.BlobSource;

export interface OutgoingMail {
  to: string;
  subject: string;
  /** The HTML body, or null for a plain-text mail. */
  htmlBody: string | null;
  /** The plain-text alternative (the whole body of a plain-text mail). */
  textBody: string;
  senderName: string;
  replyTo: string;
  attachments?: BlobSource[];
  inlineImages?: Record<string, BlobSource>;
  /** A Gmail thread to answer in (a follow-up): the draft is a reply there, to the thread's other party. */
  inThread?: string;
}

/** A Gmail draft used as a template: its HTML, inline images and attachments as staff wrote them. */
export interface DraftTemplate {
  subject: string;
  htmlBody: string;
  textBody: string;
  attachments: BlobSource[];
  inlineImages: Record<string, BlobSource>;
}

function gmailOptions(mail: OutgoingMail): GoogleAppsScript.Gmail.GmailAdvancedOptions {
  const options: GoogleAppsScript.Gmail.GmailAdvancedOptions = {};
  if (mail.htmlBody !== null) options.htmlBody = mail.htmlBody;
  if (mail.senderName) options.name = mail.senderName;
  if (mail.replyTo) options.replyTo = mail.replyTo;
  if (mail.attachments && mail.attachments.length > 0) options.attachments = mail.attachments;
  if (mail.inlineImages && Object.keys(mail.inlineImages).length > 0) options.inlineImages = mail.inlineImages;
  return options;
}

/** Creates a draft addressed to one recipient; answers its id. Two Gmail calls. */
export function createMailDraft(mail: OutgoingMail): string {
  if (mail.inThread)
    return GmailApp.getThreadById(mail.inThread).createDraftReply(mail.textBody, gmailOptions(mail)).getId();
  return GmailApp.createDraft(mail.to, mail.subject, mail.textBody, gmailOptions(mail)).getId();
}

/**
 * Sends a draft made by createMailDraft; Gmail removes it from the drafts. Answers the sent mail's thread id,
 * where replies and follow-ups are found. Four Gmail calls.
 */
export function sendMailDraft(draftId: string): string {
  return GmailApp.getDraft(draftId).send().getThread().getId();
}

/**
 * Gmail's answer to getDraft for an id with no draft. Google's reference does not document it; this is
 * what GmailApp throws (and the emulator copies). Only this answer means "gone", i.e. sent.
 */
const DRAFT_NOT_FOUND = /Invalid argument: draftId|Requested entity was not found/i;

/**
 * Whether the draft still exists. A missing draft is read as "sent" by the send journal, so any other
 * failure (Gmail busy, a timeout) is rethrown: the run stops and the entry waits for the next run.
 */
export function mailDraftExists(draftId: string): boolean {
  try {
    GmailApp.getDraft(draftId);
    return true;
  } catch (error) {
    if (DRAFT_NOT_FOUND.test(error instanceof Error ? error.message : String(error))) return false;
    throw error;
  }
}

export function deleteMailDraft(draftId: string): void {
  try {
    GmailApp.getDraft(draftId).deleteDraft();
  } catch {
    // Already gone: nothing to clean up.
  }
}

/** Sends at once, without a draft: the staff's test mail (it needs no exactly-once). */
export function sendMailNow(mail: OutgoingMail): void {
  GmailApp.sendEmail(mail.to, mail.subject, mail.textBody, gmailOptions(mail));
}

/** Recipients the account may still mail today (MailApp and GmailApp share the quota). */
export function remainingMailQuota(): number {
  return MailApp.getRemainingDailyQuota();
}

/** Gmail's "too many times for one day" error: the quota, not the address, is the problem. */
export function isQuotaError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /too many times|quota|limit exceeded/i.test(message);
}

/** An error about the service rather than the address: worth trying again later, not a bounce. */
export function isServiceError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return isQuotaError(error) || /service error|timed out|try again|temporarily|backend/i.test(message);
}

const INLINE_IMAGE = /<img[^>]*?src="cid:([^"]+)"[^>]*?alt="([^"]*)"[^>]*>/gi;

/**
 * The template draft with this subject and no recipient (the add-on's own per-client drafts have one).
 * Inline images are matched to their `cid:` by the image name Gmail keeps in `alt`, as Google's
 * mail-merge sample does. Costs a few calls per draft in the mailbox: read it once per run.
 */
export function findDraftTemplate(subject: string): DraftTemplate | null {
  const wanted = subject.trim();
  for (const message of GmailApp.getDraftMessages()) {
    if (message.getSubject().trim() !== wanted || message.getTo().trim() !== '') continue;
    const htmlBody = message.getBody();
    // A GmailAttachment is a blob source to Gmail; the type declarations just don't say so.
    const images = message.getAttachments({
      includeInlineImages: true,
      includeAttachments: false,
    }) as unknown as GoogleAppsScript.Base.Blob[];
    const attachments = message.getAttachments({
      includeInlineImages: false,
      includeAttachments: true,
    }) as unknown as BlobSource[];
    const byName = new Map(images.map((image) => [image.getName(), image]));
    const inlineImages: Record<string, BlobSource> = {};
    for (const match of htmlBody.matchAll(INLINE_IMAGE)) {
      const image = byName.get(match[2] ?? '') ?? byName.get(match[1] ?? '');
      if (image && match[1]) inlineImages[match[1]] = image;
    }
    return { subject: message.getSubject(), htmlBody, textBody: message.getPlainBody(), attachments, inlineImages };
  }
  return null;
}

/** Subjects of the drafts usable as templates (no recipient), for the template picker. Read-only. */
export function listDraftTemplates(): string[] {
  const subjects: string[] = [];
  for (const message of GmailApp.getDraftMessages()) {
    if (message.getTo().trim() !== '') continue;
    const subject = message.getSubject().trim();
    if (subject !== '' && !subjects.includes(subject)) subjects.push(subject);
  }
  return subjects;
}
