// Telegram's limits for a bot ("Bots FAQ"): about one message a second to one chat, 30 a second overall.
// A pace keeps both and says how long to wait before the next message to a chat; 429's retry_after pauses all.

export const PER_CHAT_INTERVAL_MS = 1000;
export const OVERALL_PER_SECOND = 30;

export interface Pace {
  /** Milliseconds to wait before a message to `chatId` may go at `now`. */
  waitBefore(chatId: string, now: number): number;
  /** Records a message that went (or was attempted) at `now`. */
  record(chatId: string, now: number): void;
  /** Telegram said "retry after": nothing goes before `until`. */
  pauseUntil(until: number): void;
}

export function createPace(): Pace {
  const lastByChat = new Map<string, number>();
  let recent: number[] = [];
  let pausedUntil = 0;
  return {
    waitBefore(chatId, now) {
      recent = recent.filter((at) => at > now - 1000);
      const chatWait = (lastByChat.get(chatId) ?? -Infinity) + PER_CHAT_INTERVAL_MS - now;
      const overallWait = recent.length >= OVERALL_PER_SECOND ? (recent[0] ?? now) + 1000 - now : 0;
      return Math.max(0, chatWait, overallWait, pausedUntil - now);
    },
    record(chatId, now) {
      lastByChat.set(chatId, now);
      recent.push(now);
    },
    pauseUntil(until) {
      pausedUntil = Math.max(pausedUntil, until);
    },
  };
}
