// The one adapter over Gmail: every mail the add-on sends goes through here. GmailApp (scope
// https://mail.google.com/) because drafts serve as templates and make exactly-once sending possible;
// switching to MailApp (script.send_mail) means changing this file only (see docs/mail.md).

import { utf8Length } from '../domain/campaigns/sending';

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

/** A draft this run made: its id for the journal, and the handle to send it with (no getDraft round trip). */
export interface CreatedDraft {
  id: string;
  /** Sends it; answers the sent mail's thread id, where replies and follow-ups are found. */
  send: () => string;
}

/** Creates a draft addressed to one recipient (a reply in its thread for a follow-up). Two Gmail calls. */
export function createMailDraft(mail: OutgoingMail): CreatedDraft {
  const draft = mail.inThread
    ? GmailApp.getThreadById(mail.inThread).createDraftReply(mail.textBody, gmailOptions(mail))
    : GmailApp.createDraft(mail.to, mail.subject, mail.textBody, gmailOptions(mail));
  return { id: draft.getId(), send: () => draft.send().getThread().getId() };
}

/** Sends a draft an earlier run made and journaled; Gmail removes it from the drafts. Answers the thread id. */
export function sendMailDraft(draftId: string): string {
  return GmailApp.getDraft(draftId).send().getThread().getId();
}

/**
 * The ids of this account's drafts. Google documents a sent draft as no longer a draft, so a journaled id
 * missing here was sent; one listed was not. Any error is rethrown: not knowing is never read as "sent".
 */
export function listDraftIds(): Set<string> {
  return new Set(GmailApp.getDrafts().map((draft) => draft.getId()));
}

/**
 * Drafts not in `known` addressed to one of `wanted` with its subject: drafts a killed run made but never
 * journaled. Reads each unknown draft's message (called only after such a crash).
 */
export function findUnjournaledDrafts(
  wanted: readonly { email: string; subject: string }[],
  known: ReadonlySet<string>,
): string[] {
  const keys = new Set(wanted.map((item) => `${item.email.trim().toLowerCase()}\n${item.subject.trim()}`));
  const found: string[] = [];
  for (const draft of GmailApp.getDrafts()) {
    const id = draft.getId();
    if (known.has(id)) continue;
    const message = draft.getMessage();
    if (keys.has(`${message.getTo().trim().toLowerCase()}\n${message.getSubject().trim()}`)) found.push(id);
  }
  return found;
}

/** Deletes a draft; answers false when Gmail refused (the caller keeps what it needs to try again). */
export function deleteMailDraft(draftId: string): boolean {
  try {
    GmailApp.getDraft(draftId).deleteDraft();
    return true;
  } catch (error) {
    console.warn(`draft ${draftId} not deleted: ${String(error)}`);
    return false;
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

/** The size Gmail counts for a mail's body (subject and both bodies, UTF-8) and for its attachments, in bytes. */
export function mailSizes(
  mail: OutgoingMail,
  attachmentBytes: (blob: BlobSource) => number,
): { body: number; attachments: number } {
  const utf8 = (text: string | null): number => (text ? utf8Length(text) : 0);
  const blobs = [...(mail.attachments ?? []), ...Object.values(mail.inlineImages ?? {})];
  return {
    body: utf8(mail.subject) + utf8(mail.htmlBody) + utf8(mail.textBody),
    attachments: blobs.reduce((sum, blob) => sum + attachmentBytes(blob), 0),
  };
}

/** An attachment's size in bytes. */
export function blobBytes(blob: BlobSource): number {
  return blob.getBlob().getBytes().length;
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
