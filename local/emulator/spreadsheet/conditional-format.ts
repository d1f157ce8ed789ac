// Conditional format rules: SpreadsheetApp.newConditionalFormatRule() builders (boolean conditions or
// colour gradients) and the built rules a sheet holds.
import { AppsScriptError } from '../runtime';
import { boxA1 } from './a1';
import { expectArgs, memberOf, isDate, isNum, isStr, isStrOrNull, signatureError } from './args';
import { BooleanCriteria, InterpolationType } from './enums';
import { toScriptValue, type Env } from './env';
import { Range } from './range';
import { normaliseColor } from './range-style';
import type { BookState, ConditionalRuleState, GradientPoint } from './state';

const C = 'ConditionalFormatRuleBuilder';

function emptyRule(): ConditionalRuleState {
  return { ranges: [], condition: null, gradient: null, format: {} };
}

export class ConditionalFormatRule {
  constructor(
    private readonly env: Env,
    readonly state: ConditionalRuleState,
    private readonly book: BookState | null,
    /** The sheet its ranges are on, or null when it has none. */
    readonly sheetId: number | null,
  ) {}

  copy(): ConditionalFormatRuleBuilder {
    this.env.rt.call('ConditionalFormatRule', 'copy');
    return new ConditionalFormatRuleBuilder(this.env, structuredClone(this.state), this.book, this.sheetId);
  }
  getRanges(): Range[] {
    this.env.rt.call('ConditionalFormatRule', 'getRanges');
    const sheet = this.book?.sheets.find((s) => s.id === this.sheetId);
    return sheet && this.book ? this.state.ranges.map((box) => new Range(this.env, this.book!, sheet, { ...box })) : [];
  }
  getBooleanCondition(): Record<string, () => unknown> | null {
    this.env.rt.call('ConditionalFormatRule', 'getBooleanCondition');
    const condition = this.state.condition;
    if (!condition) return null;
    const format = this.state.format;
    const read = (method: string, value: () => unknown) => () => {
      this.env.rt.call('BooleanCondition', method);
      return value();
    };
    return {
      getCriteriaType: read('getCriteriaType', () => BooleanCriteria[condition.type as keyof typeof BooleanCriteria]),
      getCriteriaValues: read('getCriteriaValues', () =>
        condition.values.map((v) => (v && typeof v === 'object' ? toScriptValue(this.env, v as { d: number }) : v)),
      ),
      getBackground: read('getBackground', () => format.background ?? null),
      getFontColor: read('getFontColor', () => format.fontColor ?? null),
      getBold: read('getBold', () => format.bold ?? null),
      getItalic: read('getItalic', () => format.italic ?? null),
    };
  }
  getGradientCondition(): Record<string, () => unknown> | null {
    this.env.rt.call('ConditionalFormatRule', 'getGradientCondition');
    const gradient = this.state.gradient;
    if (!gradient) return null;
    const read = (method: string, value: () => unknown) => () => {
      this.env.rt.call('GradientCondition', method);
      return value();
    };
    const points = { Min: gradient.min, Mid: gradient.mid, Max: gradient.max };
    const methods: Record<string, () => unknown> = {};
    for (const [name, point] of Object.entries(points)) {
      methods[`get${name}Color`] = read(`get${name}Color`, () => point?.color ?? null);
      methods[`get${name}Type`] = read(`get${name}Type`, () =>
        point ? InterpolationType[point.type as keyof typeof InterpolationType] : null,
      );
      methods[`get${name}Value`] = read(`get${name}Value`, () => point?.value ?? null);
    }
    return methods;
  }
}

export class ConditionalFormatRuleBuilder {
  constructor(
    private readonly env: Env,
    private state: ConditionalRuleState = emptyRule(),
    private book: BookState | null = null,
    private sheetId: number | null = null,
  ) {}

  private when(method: string, args: IArguments, type: string, ...checks: Array<(v: unknown) => boolean>): this {
    this.env.rt.call(C, method);
    expectArgs(C, method, args, checks);
    const values = Array.from(args).map((v) => (isDate(v) ? { d: v.getTime() } : v));
    // A boolean condition replaces a gradient, as Google's builder does.
    this.state = { ...this.state, condition: { type, values }, gradient: null };
    return this;
  }

  private point(method: string, args: IArguments, slot: 'min' | 'mid' | 'max', fixedType: string | null): this {
    this.env.rt.call(C, method);
    if (fixedType) expectArgs(C, method, args, [isStr]);
    else expectArgs(C, method, args, [isStr, (v) => memberOf(InterpolationType, v) !== null, isStr]);
    const [color, type, value] = Array.from(args) as [string, unknown, string];
    const point: GradientPoint = {
      color: normaliseColor(color),
      type: fixedType ?? memberOf(InterpolationType, type)!,
      value: fixedType ? '' : value,
    };
    const gradient = this.state.gradient ?? { min: null, mid: null, max: null };
    this.state = { ...this.state, condition: null, gradient: { ...gradient, [slot]: point } };
    return this;
  }

  private style(
    method: string,
    args: IArguments,
    key: string,
    check: (v: unknown) => boolean,
    normalise: (v: unknown) => string | boolean | null,
  ): this {
    this.env.rt.call(C, method);
    expectArgs(C, method, args, [check]);
    this.state = { ...this.state, format: { ...this.state.format, [key]: normalise(args[0]) } };
    return this;
  }

  build(): ConditionalFormatRule {
    this.env.rt.call(C, 'build');
    if (!this.state.condition && !this.state.gradient)
      throw new AppsScriptError('The conditional format rule needs a condition or a gradient.');
    return new ConditionalFormatRule(this.env, structuredClone(this.state), this.book, this.sheetId);
  }
  copy(): ConditionalFormatRuleBuilder {
    this.env.rt.call(C, 'copy');
    return new ConditionalFormatRuleBuilder(this.env, structuredClone(this.state), this.book, this.sheetId);
  }
  setRanges(ranges: Range[]): this {
    this.env.rt.call(C, 'setRanges');
    if (arguments.length !== 1 || !Array.isArray(ranges) || !ranges.every((r) => r instanceof Range))
      throw signatureError(C, 'setRanges', arguments);
    const sheets = new Set(ranges.map((r) => r.sheet.id));
    if (sheets.size > 1)
      throw new AppsScriptError('All ranges of a conditional format rule must be on the same sheet.');
    this.book = ranges[0]?.book ?? this.book;
    this.sheetId = ranges[0]?.sheet.id ?? this.sheetId;
    this.state = { ...this.state, ranges: ranges.map((r) => ({ ...r.box })) };
    return this;
  }
  getRanges(): Range[] {
    this.env.rt.call(C, 'getRanges');
    const sheet = this.book?.sheets.find((s) => s.id === this.sheetId);
    return sheet && this.book ? this.state.ranges.map((box) => new Range(this.env, this.book!, sheet, { ...box })) : [];
  }
  setBackground(color: string | null): this {
    return this.style('setBackground', arguments, 'background', isStrOrNull, (v) =>
      v === null ? null : normaliseColor(String(v)),
    );
  }
  setFontColor(color: string | null): this {
    return this.style('setFontColor', arguments, 'fontColor', isStrOrNull, (v) =>
      v === null ? null : normaliseColor(String(v)),
    );
  }
  setBold(bold: boolean | null): this {
    return this.style(
      'setBold',
      arguments,
      'bold',
      (v) => v === null || typeof v === 'boolean',
      (v) => v as boolean | null,
    );
  }
  setItalic(italic: boolean | null): this {
    return this.style(
      'setItalic',
      arguments,
      'italic',
      (v) => v === null || typeof v === 'boolean',
      (v) => v as boolean | null,
    );
  }
  setStrikethrough(strikethrough: boolean | null): this {
    return this.style(
      'setStrikethrough',
      arguments,
      'strikethrough',
      (v) => v === null || typeof v === 'boolean',
      (v) => v as boolean | null,
    );
  }
  setUnderline(underline: boolean | null): this {
    return this.style(
      'setUnderline',
      arguments,
      'underline',
      (v) => v === null || typeof v === 'boolean',
      (v) => v as boolean | null,
    );
  }
  setGradientMinpoint(color: string): this {
    return this.point('setGradientMinpoint', arguments, 'min', 'MIN');
  }
  setGradientMaxpoint(color: string): this {
    return this.point('setGradientMaxpoint', arguments, 'max', 'MAX');
  }
  setGradientMinpointWithValue(color: string, type: unknown, value: string): this {
    return this.point('setGradientMinpointWithValue', arguments, 'min', null);
  }
  setGradientMidpointWithValue(color: string, type: unknown, value: string): this {
    return this.point('setGradientMidpointWithValue', arguments, 'mid', null);
  }
  setGradientMaxpointWithValue(color: string, type: unknown, value: string): this {
    return this.point('setGradientMaxpointWithValue', arguments, 'max', null);
  }
  whenCellEmpty(): this {
    return this.when('whenCellEmpty', arguments, 'CELL_EMPTY');
  }
  whenCellNotEmpty(): this {
    return this.when('whenCellNotEmpty', arguments, 'CELL_NOT_EMPTY');
  }
  whenDateAfter(date: Date): this {
    return this.when('whenDateAfter', arguments, 'DATE_AFTER', isDate);
  }
  whenDateBefore(date: Date): this {
    return this.when('whenDateBefore', arguments, 'DATE_BEFORE', isDate);
  }
  whenDateEqualTo(date: Date): this {
    return this.when('whenDateEqualTo', arguments, 'DATE_EQUAL_TO', isDate);
  }
  whenFormulaSatisfied(formula: string): this {
    return this.when('whenFormulaSatisfied', arguments, 'CUSTOM_FORMULA', isStr);
  }
  whenNumberBetween(start: number, end: number): this {
    return this.when('whenNumberBetween', arguments, 'NUMBER_BETWEEN', isNum, isNum);
  }
  whenNumberNotBetween(start: number, end: number): this {
    return this.when('whenNumberNotBetween', arguments, 'NUMBER_NOT_BETWEEN', isNum, isNum);
  }
  whenNumberEqualTo(n: number): this {
    return this.when('whenNumberEqualTo', arguments, 'NUMBER_EQUAL_TO', isNum);
  }
  whenNumberNotEqualTo(n: number): this {
    return this.when('whenNumberNotEqualTo', arguments, 'NUMBER_NOT_EQUAL_TO', isNum);
  }
  whenNumberGreaterThan(n: number): this {
    return this.when('whenNumberGreaterThan', arguments, 'NUMBER_GREATER_THAN', isNum);
  }
  whenNumberGreaterThanOrEqualTo(n: number): this {
    return this.when('whenNumberGreaterThanOrEqualTo', arguments, 'NUMBER_GREATER_THAN_OR_EQUAL_TO', isNum);
  }
  whenNumberLessThan(n: number): this {
    return this.when('whenNumberLessThan', arguments, 'NUMBER_LESS_THAN', isNum);
  }
  whenNumberLessThanOrEqualTo(n: number): this {
    return this.when('whenNumberLessThanOrEqualTo', arguments, 'NUMBER_LESS_THAN_OR_EQUAL_TO', isNum);
  }
  whenTextContains(text: string): this {
    return this.when('whenTextContains', arguments, 'TEXT_CONTAINS', isStr);
  }
  whenTextDoesNotContain(text: string): this {
    return this.when('whenTextDoesNotContain', arguments, 'TEXT_DOES_NOT_CONTAIN', isStr);
  }
  whenTextEqualTo(text: string): this {
    return this.when('whenTextEqualTo', arguments, 'TEXT_EQUAL_TO', isStr);
  }
  whenTextStartsWith(text: string): this {
    return this.when('whenTextStartsWith', arguments, 'TEXT_STARTS_WITH', isStr);
  }
  whenTextEndsWith(text: string): this {
    return this.when('whenTextEndsWith', arguments, 'TEXT_ENDS_WITH', isStr);
  }
}

/** The host's plain view of a rule. */
export function describeRule(rule: ConditionalRuleState): Record<string, unknown> {
  return {
    ranges: rule.ranges.map(boxA1),
    condition: rule.condition
      ? {
          type: rule.condition.type,
          values: rule.condition.values.map((v) => (v && typeof v === 'object' ? new Date((v as { d: number }).d) : v)),
        }
      : null,
    gradient: rule.gradient,
    format: rule.format,
  };
}
