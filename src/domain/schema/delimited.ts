// Pasted tables and CSV files: quoted fields, doubled quotes, CRLF, and the separator guessed from the header.

/** Tab when the header line has one (pasted from a sheet), else `;` or `,`, whichever it has more of. */
export function guessSeparator(text: string): '\t' | ';' | ',' {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  if (header.includes('\t')) return '\t';
  const count = (mark: string) => header.split(mark).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/** Rows of fields as written (strings, untrimmed); a quoted field may hold separators, quotes and line breaks. */
export function parseDelimited(text: string, separator: string = guessSeparator(text)): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const source = text.replace(/^\ufeff/, '');
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index];
    if (quoted) {
      if (char === '"' && source[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
      continue;
    }
    if (char === '"' && field === '') quoted = true;
    else if (char === separator) {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[index + 1] === '\n') index += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
