// Reads the Segments sheet's text back into rules (the inverse of format.ts).
// Grammar:  expr := term ((AND | OR) term)*   — one kind of connector per level; mix with parentheses
//           term := "(" expr ")" | field op
//           op   := (= | ≠ | < | ≤ | > | ≥) value | between value and value | contains value
//                 | starts with value | in [value, …] | in last N days | is [not] empty | before date | after date
// Also accepted: == != <> <= >=, «…» and “…” quotes. Keywords are case-insensitive.
import type { MessageKey } from '../../../i18n';
import { parseIsoDay } from '../dates';
import { KEYWORDS } from './format';
import type { Match, RuleOp, RuleScalar, SegmentGroup, SegmentRule } from './model';

export interface SegmentTextError {
  key: MessageKey;
  params: Record<string, string | number>;
}

export type SegmentTextResult = { ok: true; group: SegmentGroup } | { ok: false; error: SegmentTextError };

type Token =
  | { kind: 'word' | 'symbol'; text: string; position: number }
  | { kind: 'value'; text: string; position: number; value: RuleScalar };

class TextFailure {
  constructor(readonly error: SegmentTextError) {}
}

function fail(key: MessageKey, params: Record<string, string | number>): never {
  throw new TextFailure({ key, params });
}

const QUOTES: Readonly<Record<string, string>> = { '"': '"', '«': '»', '“': '”' };
const SYMBOLS = ['<=', '>=', '!=', '<>', '==', '≤', '≥', '≠', '=', '<', '>', '(', ')', '[', ']', ','];
const COMPARISONS: Readonly<Record<string, RuleOp>> = {
  '=': 'eq',
  '==': 'eq',
  '≠': 'ne',
  '!=': 'ne',
  '<>': 'ne',
  '<': 'lt',
  '≤': 'le',
  '<=': 'le',
  '>': 'gt',
  '≥': 'ge',
  '>=': 'ge',
};

function readQuoted(text: string, start: number): { value: string; end: number } {
  const close = QUOTES[text[start]!]!;
  let value = '';
  for (let i = start + 1; i < text.length; i += 1) {
    const char = text[i]!;
    if (char === '\\' && i + 1 < text.length) {
      value += text[i + 1];
      i += 1;
    } else if (char === close) {
      return { value, end: i + 1 };
    } else {
      value += char;
    }
  }
  return fail('analysis.segment.parse.unclosedQuote', { position: start + 1 });
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const position = i + 1;
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    if (text[i]! in QUOTES) {
      const { value, end } = readQuoted(text, i);
      tokens.push({ kind: 'value', text: text.slice(i, end), position, value });
      i = end;
      continue;
    }
    const date = /^\d{4}-\d{2}-\d{2}(?![\p{L}\p{N}_])/u.exec(rest);
    if (date) {
      const value = parseIsoDay(date[0]) ?? fail('analysis.segment.parse.badDate', { position, found: date[0] });
      tokens.push({ kind: 'value', text: date[0], position, value });
      i += date[0].length;
      continue;
    }
    const number = /^-?\d+(?:\.\d+)?(?![\p{L}\p{N}_])/u.exec(rest);
    if (number) {
      tokens.push({ kind: 'value', text: number[0], position, value: Number(number[0]) });
      i += number[0].length;
      continue;
    }
    const word = /^[\p{L}_][\p{L}\p{N}_]*/u.exec(rest);
    if (word) {
      tokens.push({ kind: 'word', text: word[0], position });
      i += word[0].length;
      continue;
    }
    const symbol = SYMBOLS.find((candidate) => rest.startsWith(candidate));
    if (!symbol) fail('analysis.segment.parse.badCharacter', { position, found: text[i]! });
    tokens.push({ kind: 'symbol', text: symbol, position });
    i += symbol.length;
  }
  return tokens;
}

class Parser {
  private index = 0;
  constructor(
    private readonly tokens: readonly Token[],
    private readonly length: number,
  ) {}

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private next(): Token {
    const token =
      this.tokens[this.index] ?? fail('analysis.segment.parse.unexpectedEnd', { position: this.length + 1 });
    this.index += 1;
    return token;
  }

  private isWord(token: Token | undefined, word: string): boolean {
    return token?.kind === 'word' && token.text.toLowerCase() === word;
  }

  private expectWord(word: string, key: MessageKey): void {
    const token = this.next();
    if (!this.isWord(token, word)) fail(key, { position: token.position, found: token.text });
  }

  atEnd(): boolean {
    return this.index >= this.tokens.length;
  }

  rejectLeftover(): void {
    const token = this.peek();
    if (token) fail('analysis.segment.parse.unexpected', { position: token.position, found: token.text });
  }

  expression(): SegmentGroup {
    const rules: (SegmentRule | SegmentGroup)[] = [this.term()];
    let match: Match | null = null;
    for (let token = this.peek(); this.isWord(token, 'and') || this.isWord(token, 'or'); token = this.peek()) {
      const connector: Match = this.isWord(token, 'and') ? 'all' : 'any';
      if (match && connector !== match) fail('analysis.segment.parse.mixedAndOr', { position: token!.position });
      match = connector;
      this.index += 1;
      rules.push(this.term());
    }
    return { match: match ?? 'all', rules };
  }

  private term(): SegmentRule | SegmentGroup {
    const token = this.peek();
    if (token?.kind === 'symbol' && token.text === '(') {
      this.index += 1;
      const group = this.expression();
      const close = this.next();
      if (close.text !== ')' || close.kind !== 'symbol')
        fail('analysis.segment.parse.expectedCloseParen', { position: close.position, found: close.text });
      return group;
    }
    return this.condition();
  }

  private condition(): SegmentRule {
    const fieldToken = this.next();
    const isField =
      (fieldToken.kind === 'word' && !KEYWORDS.has(fieldToken.text.toLowerCase())) ||
      (fieldToken.kind === 'value' && typeof fieldToken.value === 'string');
    if (!isField)
      fail('analysis.segment.parse.expectedField', { position: fieldToken.position, found: fieldToken.text });
    const field = fieldToken.kind === 'value' ? String(fieldToken.value) : fieldToken.text;
    const opToken = this.next();
    const opWord = opToken.kind === 'word' ? opToken.text.toLowerCase() : '';
    const comparison = opToken.kind === 'symbol' ? COMPARISONS[opToken.text] : undefined;
    if (comparison) return { field, op: comparison, value: this.scalar() };
    switch (opWord) {
      case 'between': {
        const low = this.scalar();
        this.expectWord('and', 'analysis.segment.parse.expectedAnd');
        return { field, op: 'between', value: [low, this.scalar()] };
      }
      case 'contains':
        return { field, op: 'contains', value: this.scalar() };
      case 'starts':
        this.expectWord('with', 'analysis.segment.parse.expectedWith');
        return { field, op: 'starts_with', value: this.scalar() };
      case 'before':
      case 'after':
        return { field, op: opWord, value: this.scalar() };
      case 'is': {
        const not = this.isWord(this.peek(), 'not');
        if (not) this.index += 1;
        this.expectWord('empty', 'analysis.segment.parse.expectedEmpty');
        return { field, op: not ? 'is_not_empty' : 'is_empty' };
      }
      case 'in':
        return this.isWord(this.peek(), 'last') ? this.inLastDays(field) : { field, op: 'in', value: this.list() };
      default:
        return fail('analysis.segment.parse.expectedOperator', {
          position: opToken.position,
          found: opToken.text,
          field,
        });
    }
  }

  private inLastDays(field: string): SegmentRule {
    this.index += 1; // "last"
    const count = this.next();
    if (count.kind !== 'value' || typeof count.value !== 'number')
      fail('analysis.segment.parse.expectedDays', { position: count.position, found: count.text });
    this.expectWord('days', 'analysis.segment.parse.expectedDays');
    return { field, op: 'in_last_days', value: count.value };
  }

  private list(): RuleScalar[] {
    const open = this.next();
    if (open.kind !== 'symbol' || open.text !== '[')
      fail('analysis.segment.parse.expectedList', { position: open.position, found: open.text });
    const items: RuleScalar[] = [];
    if (this.peek()?.text === ']' && this.peek()?.kind === 'symbol') {
      this.index += 1;
      return items;
    }
    for (;;) {
      items.push(this.scalar());
      const separator = this.next();
      if (separator.kind === 'symbol' && separator.text === ']') return items;
      if (separator.kind !== 'symbol' || separator.text !== ',')
        fail('analysis.segment.parse.expectedList', { position: separator.position, found: separator.text });
    }
  }

  private scalar(): RuleScalar {
    const token = this.next();
    if (token.kind === 'value') return token.value;
    const word = token.text.toLowerCase();
    if (token.kind === 'word' && (word === 'true' || word === 'false')) return word === 'true';
    if (token.kind === 'word' && !KEYWORDS.has(word)) return token.text;
    return fail('analysis.segment.parse.expectedValue', { position: token.position, found: token.text });
  }
}

/** Parses segment text; errors carry a message key and the 1-based character position. */
export function parseSegmentText(text: string): SegmentTextResult {
  try {
    const tokens = tokenize(text);
    if (tokens.length === 0) return { ok: false, error: { key: 'analysis.segment.parse.empty', params: {} } };
    const parser = new Parser(tokens, text.length);
    const group = parser.expression();
    parser.rejectLeftover();
    return { ok: true, group };
  } catch (failure) {
    if (failure instanceof TextFailure) return { ok: false, error: failure.error };
    throw failure;
  }
}
