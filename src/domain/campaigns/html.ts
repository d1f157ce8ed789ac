// HTML mail bodies: escaping merged values, keeping links to safe schemes, and the plain-text alternative.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** A value for element text or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

/** A value for an unquoted attribute: also nothing that could end the attribute or start another. */
export function escapeUnquotedAttribute(text: string): string {
  return escapeHtml(text).replace(/[\s=`]/g, (char) => `&#${char.charCodeAt(0)};`);
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  colon: ':',
  tab: '\t',
  newline: '\n',
  mdash: '—',
  ndash: '–',
  laquo: '«',
  raquo: '»',
  hellip: '…',
  copy: '©',
  bull: '•',
  rsquo: '’',
  lsquo: '‘',
  ldquo: '“',
  rdquo: '”',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/**
 * Only http(s) and mailto links reach a client. Browsers ignore control characters and whitespace
 * inside a scheme and decode entities first (`java&#x73;cript:`), so the check does the same.
 */
export function isSafeLink(href: string): boolean {
  const bare = decodeEntities(href)
    .replace(/[\u0000-\u0020\u007f-\u009f]/g, '')
    .toLowerCase();
  return /^(https?:\/\/[^/]|mailto:.)/.test(bare);
}

const HREF = /(<[a-z][^>]*?\s)href(\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s>"']*))/gi;

/** Every href in the mail that is not a safe link becomes `#`. */
export function sanitizeLinks(html: string): string {
  return html.replace(
    HREF,
    (whole, before: string, equals: string, double?: string, single?: string, bare?: string) => {
      const href = double ?? single ?? bare ?? '';
      return isSafeLink(href) ? whole : `${before}href${equals}"#"`;
    },
  );
}

const ANCHOR = /<a\b[^>]*?\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))[^>]*>([\s\S]*?)<\/a\s*>/gi;

function stripTags(html: string): string {
  return html.replace(/<[^>]*>/g, '');
}

/**
 * The plain-text alternative of an HTML body: links become `text (url)`, paragraphs and <br> become
 * line breaks, list items get a dash, everything else loses its tags.
 */
export function htmlToText(html: string): string {
  let text = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(head|style|script|title)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/\s+/g, ' ');
  text = text.replace(ANCHOR, (_whole, double?: string, single?: string, bare?: string, inner = '') => {
    const url = decodeEntities(double ?? single ?? bare ?? '').trim();
    const label = stripTags(inner).trim();
    const shownUrl = url.replace(/^mailto:/i, '');
    if (!url || url === '#' || !isSafeLink(url)) return label;
    if (!decodeEntities(label) || decodeEntities(label) === url || decodeEntities(label) === shownUrl)
      return escapeHtml(shownUrl);
    return `${label} (${escapeHtml(url)})`;
  });
  text = text
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|h[1-6]|blockquote|table|ul|ol)\s*>/gi, '\n\n')
    .replace(/<\/(div|tr)\s*>|<hr\s*\/?>/gi, '\n')
    .replace(/<li\b[^>]*>/gi, '\n- ')
    .replace(/<\/t[dh]\s*>/gi, ' ');
  text = decodeEntities(stripTags(text)).replace(/\u00a0/g, ' ');
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
