// Messages at Telegram's pace: at most one a second per chat and 30 a second overall, and a 429's
// retry_after waited out once within the run when it is short. One sender per execution, shared by its steps.
import { sendOutcome, type SendOutcome } from '../../domain/telegram/answers';
import { createPace } from '../../domain/telegram/pace';
import { callBot, pause, type StoredBot } from '../../services/telegram';

/** Longest wait inside one execution (retry_after or pace); a longer one is left to a later run. */
const LONGEST_WAIT_MS = 30_000;

/** Sends plain text (no parse mode: nothing to escape) or HTML built with domain/telegram/html. */
export type Sender = (chatId: string, text: string, parseMode?: 'HTML' | null) => SendOutcome;

export function createSender(bot: StoredBot): Sender {
  const pace = createPace();
  return (chatId, text, parseMode = null) => {
    for (let attempt = 0; ; attempt++) {
      const wait = pace.waitBefore(chatId, Date.now());
      if (wait > LONGEST_WAIT_MS) return { kind: 'wait', seconds: Math.ceil(wait / 1000) };
      pause(wait);
      pace.record(chatId, Date.now());
      const outcome = sendOutcome(
        callBot(bot.token, 'sendMessage', { chat_id: chatId, text, ...(parseMode ? { parse_mode: parseMode } : {}) }),
      );
      if (outcome.kind !== 'wait') return outcome;
      pace.pauseUntil(Date.now() + outcome.seconds * 1000);
      if (attempt > 0 || outcome.seconds * 1000 > LONGEST_WAIT_MS) return outcome;
    }
  };
}
