// The bot token BotFather gives: `<bot id>:<secret>`. Staff see it masked; it lives only in script properties.

const TOKEN_SHAPE = /^\d{5,12}:[A-Za-z0-9_-]{30,}$/;

export function isBotTokenShape(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

/** The bot id and the last four characters: enough to tell two bots apart, useless to an onlooker. */
export function maskBotToken(token: string): string {
  const colon = token.indexOf(':');
  if (colon < 0 || token.length - colon - 1 < 8) return '••••';
  return `${token.slice(0, colon)}:••••${token.slice(-4)}`;
}
