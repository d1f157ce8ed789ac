// The arguments of the functions other pages call (page-api.ts), as runtime schemas checked at the
// server's door like the sidebar's (sidebar-args.ts); their types are derived from these.
import * as z from 'zod/v4-mini';
import { id } from './sidebar-args';

/** Telegram's limit for one message. */
const TELEGRAM_CHARS = 4096;
const broadcastText = z.string().check(z.maxLength(TELEGRAM_CHARS));

export const PAGE_ARGS = {
  getInstallationReport: z.tuple([]),
  // A signed token is two base64url parts and a dot; a few hundred characters at most.
  confirmUnsubscribe: z.tuple([
    z.string().check(z.minLength(1), z.maxLength(1000)),
    z.optional(z.nullable(z.string().check(z.maxLength(10)))),
  ]),
  sendTelegramBroadcast: z.tuple([z.object({ ru: broadcastText, en: broadcastText })]),
  getTelegramBroadcast: z.tuple([id]),
} as const;

export type PageFunction = keyof typeof PAGE_ARGS;
export type PageArgs = { [F in PageFunction]: z.infer<(typeof PAGE_ARGS)[F]> };
