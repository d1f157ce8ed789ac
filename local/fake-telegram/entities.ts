// Telegram's check of a message in parse_mode HTML ("Formatting options" in the Bot API docs): only the listed
// tags, `&lt; &gt; &amp; &quot;` and numeric entities; a stray `<` or `&`, an unknown tag or an unclosed one fails.
const TAGS = new Set([
  'b',
  'strong',
  'i',
  'em',
  'u',
  'ins',
  's',
  'strike',
  'del',
  'span',
  'tg-spoiler',
  'a',
  'code',
  'pre',
  'blockquote',
  'tg-emoji',
]);
const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

/** The text Telegram shows, or the reason it refuses the message ("can't parse entities: …"). */
export function parseTelegramHtml(html: string): { ok: true; text: string } | { ok: false; reason: string } {
  const open: string[] = [];
  let text = '';
  let at = 0;
  while (at < html.length) {
    const character = html[at] ?? '';
    if (character === '<') {
      const end = html.indexOf('>', at);
      if (end < 0) return { ok: false, reason: `Unsupported start tag at byte offset ${at}` };
      const tag = html.slice(at + 1, end);
      const closing = tag.startsWith('/');
      const name = (closing ? tag.slice(1) : tag).split(/\s/)[0]?.toLowerCase() ?? '';
      if (!TAGS.has(name)) return { ok: false, reason: `Unsupported start tag "${name}" at byte offset ${at}` };
      if (closing) {
        if (open.pop() !== name) return { ok: false, reason: `Unmatched end tag at byte offset ${at}` };
      } else open.push(name);
      at = end + 1;
    } else if (character === '&') {
      const end = html.indexOf(';', at);
      const name = end < 0 ? '' : html.slice(at + 1, end);
      const decoded =
        NAMED_ENTITIES[name] ??
        (/^#\d+$/.test(name)
          ? String.fromCodePoint(Number(name.slice(1)))
          : /^#x[0-9a-f]+$/i.test(name)
            ? String.fromCodePoint(parseInt(name.slice(2), 16))
            : null);
      if (decoded === null) return { ok: false, reason: `Character entity expected at byte offset ${at}` };
      text += decoded;
      at = end + 1;
    } else if (character === '>') {
      return { ok: false, reason: `Unexpected end tag at byte offset ${at}` };
    } else {
      text += character;
      at += 1;
    }
  }
  if (open.length > 0)
    return { ok: false, reason: `Can't find end tag corresponding to start tag "${open[open.length - 1]}"` };
  return { ok: true, text };
}
