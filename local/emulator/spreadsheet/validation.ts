// Data validation: SpreadsheetApp.newDataValidation() builders, the built rules, and whether a value passes.
import { AppsScriptError } from '../runtime';
import { boxA1 } from './a1';
import { expectArgs, isAny, isBool, isDate, isNum, isStr, signatureError } from './args';
import { DataValidationCriteria } from './enums';
import { toScriptValue, type Env } from './env';
import { Range } from './range';
import type { StoredValue, ValidationState } from './state';

/** How a VALUE_IN_RANGE rule remembers its source. */
interface RangeArg {
  range: { sheetId: number; r: number; c: number; nr: number; nc: number };
}

function isRangeArg(arg: unknown): arg is RangeArg {
  return !!arg && typeof arg === 'object' && 'range' in arg;
}

function storeArg(arg: unknown): unknown {
  if (isDate(arg)) return { d: arg.getTime() };
  if (arg instanceof Range) return { range: { sheetId: arg.sheet.id, ...arg.box } };
  if (Array.isArray(arg)) return arg.map((item) => (typeof item === 'string' ? item : String(item)));
  return arg;
}

function criteriaValues(env: Env, state: ValidationState, book: Range['book'] | null): unknown[] {
  return state.args.map((arg) => {
    if (arg && typeof arg === 'object' && 'd' in arg) return toScriptValue(env, arg as StoredValue);
    if (isRangeArg(arg) && book) {
      const sheet = book.sheets.find((s) => s.id === arg.range.sheetId);
      return sheet ? new Range(env, book, sheet, arg.range) : null;
    }
    return Array.isArray(arg) ? [...arg] : arg;
  });
}

export class DataValidation {
  constructor(
    private readonly env: Env,
    readonly state: ValidationState,
    private readonly book: Range['book'] | null,
  ) {}

  copy(): DataValidationBuilder {
    this.env.rt.call('DataValidation', 'copy');
    return new DataValidationBuilder(this.env, structuredClone(this.state), this.book);
  }

  getAllowInvalid(): boolean {
    this.env.rt.call('DataValidation', 'getAllowInvalid');
    return this.state.allowInvalid;
  }

  getCriteriaType(): unknown {
    this.env.rt.call('DataValidation', 'getCriteriaType');
    return DataValidationCriteria[this.state.criteria as keyof typeof DataValidationCriteria];
  }

  getCriteriaValues(): unknown[] {
    this.env.rt.call('DataValidation', 'getCriteriaValues');
    return criteriaValues(this.env, this.state, this.book);
  }

  getHelpText(): string | null {
    this.env.rt.call('DataValidation', 'getHelpText');
    return this.state.helpText;
  }
}

const C = 'DataValidationBuilder';

export class DataValidationBuilder {
  constructor(
    private readonly env: Env,
    private state: ValidationState = { criteria: '', args: [], allowInvalid: true, helpText: null },
    private book: Range['book'] | null = null,
  ) {}

  private require(
    method: string,
    args: IArguments,
    criteria: string,
    ...shapes: Array<Array<(v: unknown) => boolean>>
  ): this {
    this.env.rt.call(C, method);
    expectArgs(C, method, args, ...shapes);
    const list = Array.from(args).filter((arg) => arg !== undefined);
    for (const arg of list) if (arg instanceof Range) this.book = arg.book;
    this.state = { ...this.state, criteria, args: list.map(storeArg) };
    return this;
  }

  build(): DataValidation {
    this.env.rt.call(C, 'build');
    if (!this.state.criteria) throw new AppsScriptError('The data validation rule has no criteria.');
    return new DataValidation(this.env, structuredClone(this.state), this.book);
  }
  copy(): DataValidationBuilder {
    this.env.rt.call(C, 'copy');
    return new DataValidationBuilder(this.env, structuredClone(this.state), this.book);
  }
  getAllowInvalid(): boolean {
    this.env.rt.call(C, 'getAllowInvalid');
    return this.state.allowInvalid;
  }
  getCriteriaType(): unknown {
    this.env.rt.call(C, 'getCriteriaType');
    return DataValidationCriteria[this.state.criteria as keyof typeof DataValidationCriteria] ?? null;
  }
  getCriteriaValues(): unknown[] {
    this.env.rt.call(C, 'getCriteriaValues');
    return criteriaValues(this.env, this.state, this.book);
  }
  getHelpText(): string | null {
    this.env.rt.call(C, 'getHelpText');
    return this.state.helpText;
  }
  setAllowInvalid(allowInvalidData: boolean): this {
    this.env.rt.call(C, 'setAllowInvalid');
    expectArgs(C, 'setAllowInvalid', arguments, [isBool]);
    this.state = { ...this.state, allowInvalid: allowInvalidData };
    return this;
  }
  setHelpText(helpText: string): this {
    this.env.rt.call(C, 'setHelpText');
    expectArgs(C, 'setHelpText', arguments, [isStr]);
    this.state = { ...this.state, helpText };
    return this;
  }
  requireCheckbox(..._values: unknown[]): this {
    return this.require('requireCheckbox', arguments, 'CHECKBOX', [], [isAny], [isAny, isAny]);
  }
  requireDate(): this {
    return this.require('requireDate', arguments, 'DATE_IS_VALID_DATE', []);
  }
  requireDateAfter(_date: Date): this {
    return this.require('requireDateAfter', arguments, 'DATE_AFTER', [isDate]);
  }
  requireDateBefore(_date: Date): this {
    return this.require('requireDateBefore', arguments, 'DATE_BEFORE', [isDate]);
  }
  requireDateBetween(_start: Date, _end: Date): this {
    return this.require('requireDateBetween', arguments, 'DATE_BETWEEN', [isDate, isDate]);
  }
  requireDateOnOrAfter(_date: Date): this {
    return this.require('requireDateOnOrAfter', arguments, 'DATE_ON_OR_AFTER', [isDate]);
  }
  requireDateOnOrBefore(_date: Date): this {
    return this.require('requireDateOnOrBefore', arguments, 'DATE_ON_OR_BEFORE', [isDate]);
  }
  requireNumberBetween(_start: number, _end: number): this {
    return this.require('requireNumberBetween', arguments, 'NUMBER_BETWEEN', [isNum, isNum]);
  }
  requireNumberNotBetween(_start: number, _end: number): this {
    return this.require('requireNumberNotBetween', arguments, 'NUMBER_NOT_BETWEEN', [isNum, isNum]);
  }
  requireNumberEqualTo(_n: number): this {
    return this.require('requireNumberEqualTo', arguments, 'NUMBER_EQUAL_TO', [isNum]);
  }
  requireNumberNotEqualTo(_n: number): this {
    return this.require('requireNumberNotEqualTo', arguments, 'NUMBER_NOT_EQUAL_TO', [isNum]);
  }
  requireNumberGreaterThan(_n: number): this {
    return this.require('requireNumberGreaterThan', arguments, 'NUMBER_GREATER_THAN', [isNum]);
  }
  requireNumberGreaterThanOrEqualTo(_n: number): this {
    return this.require('requireNumberGreaterThanOrEqualTo', arguments, 'NUMBER_GREATER_THAN_OR_EQUAL_TO', [isNum]);
  }
  requireNumberLessThan(_n: number): this {
    return this.require('requireNumberLessThan', arguments, 'NUMBER_LESS_THAN', [isNum]);
  }
  requireNumberLessThanOrEqualTo(_n: number): this {
    return this.require('requireNumberLessThanOrEqualTo', arguments, 'NUMBER_LESS_THAN_OR_EQUAL_TO', [isNum]);
  }
  requireTextContains(_text: string): this {
    return this.require('requireTextContains', arguments, 'TEXT_CONTAINS', [isStr]);
  }
  requireTextDoesNotContain(_text: string): this {
    return this.require('requireTextDoesNotContain', arguments, 'TEXT_DOES_NOT_CONTAIN', [isStr]);
  }
  requireTextEqualTo(_text: string): this {
    return this.require('requireTextEqualTo', arguments, 'TEXT_EQUAL_TO', [isStr]);
  }
  requireTextIsEmail(): this {
    return this.require('requireTextIsEmail', arguments, 'TEXT_IS_VALID_EMAIL', []);
  }
  requireTextIsUrl(): this {
    return this.require('requireTextIsUrl', arguments, 'TEXT_IS_VALID_URL', []);
  }
  requireFormulaSatisfied(_formula: string): this {
    return this.require('requireFormulaSatisfied', arguments, 'CUSTOM_FORMULA', [isStr]);
  }
  requireValueInList(_values: string[], _showDropdown?: boolean): this {
    const isStringList = (v: unknown): boolean =>
      Array.isArray(v) && v.length > 0 && v.every((item) => typeof item === 'string');
    return this.require('requireValueInList', arguments, 'VALUE_IN_LIST', [isStringList], [isStringList, isBool]);
  }
  requireValueInRange(_range: Range, _showDropdown?: boolean): this {
    const isRange = (v: unknown): boolean => v instanceof Range;
    return this.require('requireValueInRange', arguments, 'VALUE_IN_RANGE', [isRange], [isRange, isBool]);
  }
}

/** The rule describing where a stored VALUE_IN_RANGE source lives, for the host's view. */
export function describeValidation(state: ValidationState, sheetName: (id: number) => string): Record<string, unknown> {
  const args = state.args.map((arg) => {
    if (isRangeArg(arg)) return `${sheetName(arg.range.sheetId)}!${boxA1(arg.range)}`;
    if (arg && typeof arg === 'object' && 'd' in arg) return new Date((arg as { d: number }).d);
    return arg;
  });
  return { criteria: state.criteria, args, allowInvalid: state.allowInvalid, helpText: state.helpText };
}

/** Whether a value passes a rule; `rangeValues` reads a VALUE_IN_RANGE source as display strings. */
export function passesValidation(
  state: ValidationState,
  value: StoredValue | undefined,
  rangeValues: (arg: RangeArg['range']) => string[],
): boolean {
  if (value === undefined || value === '') return true;
  const [a, b] = state.args as [unknown, unknown];
  const num = typeof value === 'number' ? value : null;
  const time = typeof value === 'object' ? value.d : null;
  const text = typeof value === 'object' ? '' : String(value);
  const dateArg = (arg: unknown): number => (arg as { d: number }).d;
  switch (state.criteria) {
    case 'VALUE_IN_LIST':
      return (a as string[]).includes(text);
    case 'VALUE_IN_RANGE':
      return isRangeArg(a) && rangeValues(a.range).includes(text);
    case 'CHECKBOX':
      if (state.args.length === 0) return typeof value === 'boolean';
      return state.args.some((arg) => String(arg) === text);
    case 'NUMBER_BETWEEN':
      return num !== null && num >= (a as number) && num <= (b as number);
    case 'NUMBER_NOT_BETWEEN':
      return num !== null && (num < (a as number) || num > (b as number));
    case 'NUMBER_EQUAL_TO':
      return num === a;
    case 'NUMBER_NOT_EQUAL_TO':
      return num !== null && num !== a;
    case 'NUMBER_GREATER_THAN':
      return num !== null && num > (a as number);
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return num !== null && num >= (a as number);
    case 'NUMBER_LESS_THAN':
      return num !== null && num < (a as number);
    case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
      return num !== null && num <= (a as number);
    case 'DATE_IS_VALID_DATE':
      return time !== null;
    case 'DATE_AFTER':
      return time !== null && time > dateArg(a);
    case 'DATE_BEFORE':
      return time !== null && time < dateArg(a);
    case 'DATE_ON_OR_AFTER':
      return time !== null && time >= dateArg(a);
    case 'DATE_ON_OR_BEFORE':
      return time !== null && time <= dateArg(a);
    case 'DATE_BETWEEN':
      return time !== null && time >= dateArg(a) && time <= dateArg(b);
    case 'TEXT_CONTAINS':
      return text.includes(a as string);
    case 'TEXT_DOES_NOT_CONTAIN':
      return !text.includes(a as string);
    case 'TEXT_EQUAL_TO':
      return text === a;
    case 'TEXT_IS_VALID_EMAIL':
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);
    case 'TEXT_IS_VALID_URL':
      return /^https?:\/\/\S+$/.test(text);
    default:
      // A custom formula cannot be evaluated offline; it passes.
      return true;
  }
}
