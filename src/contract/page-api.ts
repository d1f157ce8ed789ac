// Functions google.script.run reaches from pages other than the sidebar: the Check installation dialog,
// the unsubscribe page (a web app page anyone with a mailed link opens) and the Telegram broadcast.
// Checked against the bundle and against their schemas (page-args.ts) in contract-check.ts, like the sidebar's.
import type { InstallationReport } from './installation';

/** The broadcast's text in each language; a client gets theirs, else the studio's. */
export interface BroadcastTextsInput {
  ru: string;
  en: string;
}

export interface BroadcastProgressView {
  id: string;
  total: number;
  sent: number;
  unreachable: number;
  skipped: number;
  waiting: number;
}

export interface UnsubscribeAnswer {
  done: boolean;
  /** The sentence the page shows, in the client's language. */
  message: string;
}

export interface PageApi {
  getInstallationReport(): InstallationReport;
  /** The unsubscribe page's button: the signed token from the mailed link and the page's language. */
  confirmUnsubscribe(token: string, hl?: string | null): UnsubscribeAnswer;
  sendTelegramBroadcast(texts: BroadcastTextsInput): BroadcastProgressView;
  getTelegramBroadcast(id: string): BroadcastProgressView;
}
