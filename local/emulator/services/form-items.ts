// Form items as stored (plain JSON) and how an answer to one is checked and shown.
import { AppsScriptError } from '../runtime';

export const ITEM_TYPES = [
  'CHECKBOX',
  'CHECKBOX_GRID',
  'DATE',
  'DATETIME',
  'DURATION',
  'FILE_UPLOAD',
  'GRID',
  'IMAGE',
  'LIST',
  'MULTIPLE_CHOICE',
  'PAGE_BREAK',
  'PARAGRAPH_TEXT',
  'RATING',
  'SCALE',
  'SECTION_HEADER',
  'TEXT',
  'TIME',
  'VIDEO',
] as const;
export type ItemTypeName = (typeof ITEM_TYPES)[number];

/** The item types the emulator can build; the others exist only as enum members. */
export type BuiltItemType =
  'TEXT' | 'PARAGRAPH_TEXT' | 'MULTIPLE_CHOICE' | 'CHECKBOX' | 'LIST' | 'SCALE' | 'DATE' | 'SECTION_HEADER';

export type TextRule =
  | { kind: 'email' }
  | { kind: 'url' }
  | { kind: 'number' }
  | { kind: 'wholeNumber' }
  | { kind: 'numberBetween'; low: number; high: number }
  | { kind: 'numberGreaterThan'; bound: number }
  | { kind: 'numberLessThan'; bound: number }
  | { kind: 'lengthAtLeast'; length: number }
  | { kind: 'lengthAtMost'; length: number }
  | { kind: 'containsPattern'; pattern: string }
  | { kind: 'matchesPattern'; pattern: string };

export interface TextValidationRecord {
  rule: TextRule | null;
  helpText: string;
}

export interface ItemRecord {
  id: number;
  type: BuiltItemType;
  title: string;
  helpText: string;
  required: boolean;
  choices: string[];
  otherOption: boolean;
  lowerBound: number;
  upperBound: number;
  leftLabel: string;
  rightLabel: string;
  includesYear: boolean;
  validation: TextValidationRecord | null;
}

export type Answer = string | string[];

export function newItemRecord(id: number, type: BuiltItemType): ItemRecord {
  return {
    id,
    type,
    title: '',
    helpText: '',
    required: false,
    choices: [],
    otherOption: false,
    lowerBound: 1,
    upperBound: 5,
    leftLabel: '',
    rightLabel: '',
    includesYear: true,
    validation: null,
  };
}

export function isQuestion(item: ItemRecord): boolean {
  return item.type !== 'SECTION_HEADER';
}

// Close to what the Forms UI accepts: one @, a dot in the domain, no spaces.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URL_PATTERN = /^https?:\/\/[^\s/$.?#].[^\s]*$/i;

export function isEmailAddress(text: string): boolean {
  return EMAIL.test(text);
}

function ruleHolds(rule: TextRule, text: string): boolean {
  const number = text.trim() === '' ? NaN : Number(text);
  switch (rule.kind) {
    case 'email':
      return isEmailAddress(text);
    case 'url':
      return URL_PATTERN.test(text);
    case 'number':
      return Number.isFinite(number);
    case 'wholeNumber':
      return Number.isInteger(number);
    case 'numberBetween':
      return Number.isFinite(number) && number >= rule.low && number <= rule.high;
    case 'numberGreaterThan':
      return Number.isFinite(number) && number > rule.bound;
    case 'numberLessThan':
      return Number.isFinite(number) && number < rule.bound;
    case 'lengthAtLeast':
      return text.length >= rule.length;
    case 'lengthAtMost':
      return text.length <= rule.length;
    case 'containsPattern':
      return new RegExp(rule.pattern).test(text);
    case 'matchesPattern':
      return new RegExp(`^(?:${rule.pattern})$`).test(text);
  }
}

const RULE_MESSAGES: Record<TextRule['kind'], string> = {
  email: 'Must be a valid email address',
  url: 'Must be a valid URL',
  number: 'Must be a number',
  wholeNumber: 'Must be a whole number',
  numberBetween: 'Must be a number in range',
  numberGreaterThan: 'Must be a greater number',
  numberLessThan: 'Must be a smaller number',
  lengthAtLeast: 'Answer is too short',
  lengthAtMost: 'Answer is too long',
  containsPattern: 'Must contain the pattern',
  matchesPattern: 'Must match the pattern',
};

function isEmptyAnswer(answer: Answer | undefined): boolean {
  if (answer === undefined) return true;
  return Array.isArray(answer) ? answer.length === 0 : answer === '';
}

/**
 * The answer as the item stores it, or an AppsScriptError explaining why a respondent could not submit it.
 * `undefined` means the question was left blank (allowed unless required).
 */
export function checkAnswer(item: ItemRecord, answer: Answer | undefined): Answer | undefined {
  const reject = (why: string): never => {
    throw new AppsScriptError(`Invalid response to "${item.title}": ${why}.`);
  };
  if (isEmptyAnswer(answer)) {
    if (item.required) reject('this is a required question');
    return undefined;
  }
  const one = (): string => {
    if (Array.isArray(answer)) {
      if (answer.length !== 1) reject('only one answer is allowed');
      return String(answer[0]);
    }
    return String(answer);
  };
  switch (item.type) {
    case 'SECTION_HEADER':
      return reject('a section header takes no answer');
    case 'TEXT':
    case 'PARAGRAPH_TEXT': {
      const text = one();
      const rule = item.validation?.rule;
      if (rule && !ruleHolds(rule, text)) reject(item.validation?.helpText || RULE_MESSAGES[rule.kind]);
      return text;
    }
    case 'MULTIPLE_CHOICE':
    case 'LIST': {
      const choice = one();
      const allowOther = item.type === 'MULTIPLE_CHOICE' && item.otherOption;
      if (!item.choices.includes(choice) && !allowOther) reject(`"${choice}" is not one of the choices`);
      return choice;
    }
    case 'CHECKBOX': {
      const picked = (Array.isArray(answer) ? answer : [answer]).map(String);
      for (const choice of picked) {
        if (!item.choices.includes(choice) && !item.otherOption) reject(`"${choice}" is not one of the choices`);
      }
      if (new Set(picked).size !== picked.length) reject('a choice is picked twice');
      return picked;
    }
    case 'SCALE': {
      const value = Number(one());
      if (!Number.isInteger(value) || value < item.lowerBound || value > item.upperBound) {
        reject(`must be a whole number from ${item.lowerBound} to ${item.upperBound}`);
      }
      return String(value);
    }
    case 'DATE': {
      const text = one();
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
      const valid = match && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);
      if (!valid) reject('a date is written YYYY-MM-DD');
      return text;
    }
  }
}

/** How the response sheet and the spreadsheet event show an answer. */
export function displayAnswer(item: ItemRecord, answer: Answer | undefined, locale: string): string {
  if (answer === undefined) return '';
  if (Array.isArray(answer)) return answer.join(', ');
  if (item.type === 'DATE') {
    const [year, month, day] = answer.split('-');
    return locale.startsWith('ru') ? `${day}.${month}.${year}` : `${Number(month)}/${Number(day)}/${year}`;
  }
  return answer;
}
