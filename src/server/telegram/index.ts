// Telegram, the studio's second channel: the entry points src/server/index.ts exposes.
export { connectTelegramBot, getTelegramStatus, disconnectTelegramBot } from './bot';
export { getTelegramLink, getTelegramStaffLink } from './link';
export { runTelegramPoll } from './poll';
export { replyOnTelegram } from './reply';
export { sendTelegramBroadcast, getTelegramBroadcast } from './broadcast';
