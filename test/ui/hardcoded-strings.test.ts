// Every word staff read comes from the catalogs: the sidebar's markup and code hold no visible text
// of their own. Markup text nodes and visible attributes are checked, and in the code the places
// text reaches the page (text:, textContent, placeholder, title, aria-label, alert, confirm).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const UI_DIR = 'src/ui';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** A letter in any script: symbols such as × or › are allowed. */
const WORDS = /\p{L}{2,}/u;

export function markupProblems(html: string): string[] {
  const withoutCode = html
    .replace(/<script[\s\S]*?<\/script>/gi, '')
    .replace(/<style[\s\S]*?<\/style>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<\?[\s\S]*?\?>/g, '');
  const problems: string[] = [];
  for (const match of withoutCode.matchAll(/>([^<]+)</g))
    if (WORDS.test(match[1] ?? '')) problems.push(`text “${(match[1] ?? '').trim()}”`);
  for (const match of withoutCode.matchAll(/\s(title|alt|placeholder|aria-label|value)="([^"]*)"/g))
    if (WORDS.test(match[2] ?? '')) problems.push(`${match[1]}="${match[2]}"`);
  return problems;
}

export function codeProblems(source: string): string[] {
  const code = source.replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
  const problems: string[] = [];
  const visible =
    /\b(text|placeholder|title|'aria-label'|"aria-label")\s*:\s*(['"`])((?:(?!\2).)*)\2|\b(textContent|innerText|placeholder|title)\s*=\s*(['"`])((?:(?!\5).)*)\5|\b(alert|confirm|prompt)\(\s*(['"`])((?:(?!\8).)*)\8|createTextNode\(\s*(['"`])((?:(?!\10).)*)\10/g;
  for (const match of code.matchAll(visible)) {
    const text = match[3] ?? match[6] ?? match[9] ?? match[11] ?? '';
    if (WORDS.test(text.replace(/\$\{[^}]*\}/g, ''))) problems.push(match[0]);
  }
  return problems;
}

describe('no hard-coded user-visible strings in src/ui', () => {
  it('markup has no text of its own', () => {
    const problems = files(UI_DIR)
      .filter((path) => path.endsWith('.html'))
      .flatMap((path) => markupProblems(readFileSync(path, 'utf8')).map((problem) => `${path}: ${problem}`));
    expect(problems).toEqual([]);
  });

  it('code puts only catalog text on the page', () => {
    const problems = files(UI_DIR)
      .filter((path) => path.endsWith('.ts'))
      .flatMap((path) => codeProblems(readFileSync(path, 'utf8')).map((problem) => `${path}: ${problem}`));
    expect(problems).toEqual([]);
  });

  it('catches hard-coded text (the checks can fail)', () => {
    expect(markupProblems('<body><button title="Close">Save</button></body>')).toHaveLength(2);
    expect(markupProblems('<body><div id="app"></div><script>x = "Hello"</script></body>')).toEqual([]);
    expect(codeProblems("el('button', { text: 'Save' })")).toHaveLength(1);
    expect(codeProblems("node.textContent = 'Загрузка';")).toHaveLength(1);
    expect(codeProblems("el('button', { text: t('ui.save'), attrs: { 'aria-label': '×' } })")).toEqual([]);
  });
});
