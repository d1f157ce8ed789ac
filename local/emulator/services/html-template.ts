// Compiles an HtmlService template (`<? ?>`, `<?= ?>`, `<?!= ?>`) into the body of a function of `output`.

/** The code `HtmlTemplate.getCode()` shows; it runs with `output` (an HtmlOutput) and the template's properties in scope. */
export function compileTemplate(source: string): string {
  const lines: string[] = [];
  let at = 0;
  while (at < source.length) {
    const open = source.indexOf('<?', at);
    if (open < 0) {
      lines.push(`output.append(${JSON.stringify(source.slice(at))});`);
      break;
    }
    if (open > at) lines.push(`output.append(${JSON.stringify(source.slice(at, open))});`);
    const close = source.indexOf('?>', open + 2);
    if (close < 0) throw new SyntaxError(`Unterminated scriptlet starting at character ${open}`);
    const scriptlet = source.slice(open + 2, close);
    if (scriptlet.startsWith('!=')) {
      lines.push(`output.append(__print(${scriptlet.slice(2).trim()}));`);
    } else if (scriptlet.startsWith('=')) {
      lines.push(`output.appendUntrusted(__print(${scriptlet.slice(1).trim()}));`);
    } else {
      lines.push(scriptlet.trim());
    }
    at = close + 2;
  }
  return lines.join('\n');
}

/** How a printing scriptlet turns a value into text: nothing for null/undefined, String() otherwise. */
export function printable(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
