// Telegram's HTML parse mode ("Formatting options", Bot API): every <, > and & that is not part of a tag
// or entity must be an entity; `"` too inside attributes. Text from clients and staff is escaped here.

export function escapeTelegramHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A message in parse mode HTML: `{name}` placeholders filled with escaped values; the template's own tags stay. */
export function fillTelegramTemplate(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? escapeTelegramHtml(String(values[name])) : whole,
  );
}

/** Telegram refuses a message over 4,096 characters (after entity parsing). */
export const TELEGRAM_MESSAGE_MAX_CHARS = 4096;
