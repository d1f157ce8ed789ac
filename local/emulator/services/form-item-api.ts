// What a script holds for a form item: Item, TextItem, MultipleChoiceItem… and the text validation builder.
import { AppsScriptError, type Runtime } from '../runtime';
import { checkArgs } from '../signature';
import { signatureError } from './context';
import { localTime } from './zoned-time';
import {
  checkAnswer,
  type Answer,
  type BuiltItemType,
  type ItemRecord,
  type TextRule,
  type TextValidationRecord,
} from './form-items';

/** What item objects need from the form that holds them. */
export interface ItemEnv {
  rt: Runtime;
  /** The item's current record; throws when it was deleted. */
  record(itemId: number): ItemRecord;
  indexOf(itemId: number): number;
  /** The generic `Item` a form hands out for this id (getItems, ItemResponse.getItem). */
  item(itemId: number): object;
  itemType(type: BuiltItemType): unknown;
  timeZone(): string;
}

const CLASS_OF: Record<BuiltItemType, string> = {
  TEXT: 'TextItem',
  PARAGRAPH_TEXT: 'ParagraphTextItem',
  MULTIPLE_CHOICE: 'MultipleChoiceItem',
  CHECKBOX: 'CheckboxItem',
  LIST: 'ListItem',
  SCALE: 'ScaleItem',
  DATE: 'DateItem',
  SECTION_HEADER: 'SectionHeaderItem',
};

const AS_METHOD: Record<BuiltItemType, string> = {
  TEXT: 'asTextItem',
  PARAGRAPH_TEXT: 'asParagraphTextItem',
  MULTIPLE_CHOICE: 'asMultipleChoiceItem',
  CHECKBOX: 'asCheckboxItem',
  LIST: 'asListItem',
  SCALE: 'asScaleItem',
  DATE: 'asDateItem',
  SECTION_HEADER: 'asSectionHeaderItem',
};

export class Choice {
  readonly #rt: Runtime;
  readonly value: string;
  constructor(rt: Runtime, value: string) {
    this.#rt = rt;
    this.value = value;
    Object.defineProperty(this, 'value', { enumerable: false });
  }
  getValue(): string {
    this.#rt.call('Choice', 'getValue');
    return this.value;
  }
  isCorrectAnswer(): boolean {
    this.#rt.call('Choice', 'isCorrectAnswer');
    return false;
  }
  getGotoPage(): null {
    this.#rt.call('Choice', 'getGotoPage');
    return null;
  }
}

export class ItemResponse {
  readonly #env: ItemEnv;
  readonly itemId: number;
  readonly answer: Answer;
  constructor(env: ItemEnv, itemId: number, answer: Answer) {
    this.#env = env;
    this.itemId = itemId;
    this.answer = answer;
    Object.defineProperty(this, 'itemId', { enumerable: false });
    Object.defineProperty(this, 'answer', { enumerable: false });
  }
  getItem(): object {
    this.#env.rt.call('ItemResponse', 'getItem');
    return this.#env.item(this.itemId);
  }
  getResponse(): Answer {
    this.#env.rt.call('ItemResponse', 'getResponse');
    return Array.isArray(this.answer) ? [...this.answer] : this.answer;
  }
  getScore(): null {
    this.#env.rt.call('ItemResponse', 'getScore');
    return null;
  }
}

const builtValidations = new WeakMap<object, TextValidationRecord>();

/** FormApp.createTextValidation(): each require… replaces the rule, as in Google's builder. */
export function createTextValidationBuilder(rt: Runtime): object {
  const record: TextValidationRecord = { rule: null, helpText: '' };
  const call = (method: string) => `FormApp.TextValidationBuilder.${method}`;
  const builder: Record<string, (...args: unknown[]) => unknown> = {};
  const rule = (method: string, shape: Array<'number' | 'string'>, make: (args: unknown[]) => TextRule) => {
    builder[method] = function (...args: unknown[]) {
      rt.call('TextValidationBuilder', method);
      checkArgs(call(method), args, shape);
      record.rule = make(args);
      return builder;
    };
  };
  rule('requireTextIsEmail', [], () => ({ kind: 'email' }));
  rule('requireTextIsUrl', [], () => ({ kind: 'url' }));
  rule('requireNumber', [], () => ({ kind: 'number' }));
  rule('requireWholeNumber', [], () => ({ kind: 'wholeNumber' }));
  rule('requireNumberBetween', ['number', 'number'], ([low, high]) => ({
    kind: 'numberBetween',
    low: low as number,
    high: high as number,
  }));
  rule('requireNumberGreaterThan', ['number'], ([bound]) => ({ kind: 'numberGreaterThan', bound: bound as number }));
  rule('requireNumberLessThan', ['number'], ([bound]) => ({ kind: 'numberLessThan', bound: bound as number }));
  rule('requireTextLengthGreaterThanOrEqualTo', ['number'], ([n]) => ({ kind: 'lengthAtLeast', length: n as number }));
  rule('requireTextLengthLessThanOrEqualTo', ['number'], ([n]) => ({ kind: 'lengthAtMost', length: n as number }));
  rule('requireTextContainsPattern', ['string'], ([p]) => ({ kind: 'containsPattern', pattern: p as string }));
  rule('requireTextMatchesPattern', ['string'], ([p]) => ({ kind: 'matchesPattern', pattern: p as string }));
  builder.setHelpText = function (...args: unknown[]) {
    rt.call('TextValidationBuilder', 'setHelpText');
    checkArgs(call('setHelpText'), args, ['string']);
    record.helpText = args[0] as string;
    return builder;
  };
  builder.build = function () {
    rt.call('TextValidationBuilder', 'build');
    const validation = Object.freeze({});
    builtValidations.set(validation, { ...record });
    return validation;
  };
  return builder;
}

/** Builds the object a script holds for item `itemId`, seen as `as` (a typed item) or as the generic `Item`. */
export function itemObject(env: ItemEnv, itemId: number, as: BuiltItemType | 'Item'): object {
  const className = as === 'Item' ? 'Item' : CLASS_OF[as];
  const dotted = (method: string) => `FormApp.${className}.${method}`;
  const rec = () => env.record(itemId);
  const self: Record<string, (...args: unknown[]) => unknown> = {};
  const method = (name: string, body: (...args: unknown[]) => unknown) => {
    self[name] = function (...args: unknown[]) {
      env.rt.call(className, name);
      return body(...args);
    };
  };
  const setter = (name: string, shape: Array<'string' | 'boolean' | 'number'>, apply: (...args: unknown[]) => void) => {
    method(name, (...args) => {
      checkArgs(dotted(name), args, shape);
      apply(...args);
      return self;
    });
  };

  method('getId', () => itemId);
  method('getIndex', () => env.indexOf(itemId));
  method('getTitle', () => rec().title);
  setter('setTitle', ['string'], (title) => (rec().title = title as string));
  method('getHelpText', () => rec().helpText);
  setter('setHelpText', ['string'], (text) => (rec().helpText = text as string));
  method('getType', () => env.itemType(rec().type));
  method('duplicate', () => {
    throw new AppsScriptError(`${className}.duplicate is not available in the emulator.`);
  });

  if (as === 'Item') {
    for (const type of Object.keys(AS_METHOD) as BuiltItemType[]) {
      method(AS_METHOD[type], () => {
        if (rec().type !== type) throw new AppsScriptError(`Invalid conversion for item type: ${rec().type}.`);
        return itemObject(env, itemId, type);
      });
    }
    return Object.freeze(self);
  }

  if (as !== 'SECTION_HEADER') {
    method('isRequired', () => rec().required);
    setter('setRequired', ['boolean'], (required) => (rec().required = required as boolean));
    method(
      'createResponse',
      (...args) => new ItemResponse(env, itemId, responseArgument(env, rec(), dotted('createResponse'), args)),
    );
  }
  if (as === 'TEXT') {
    method('setValidation', (...args) => {
      const validation = typeof args[0] === 'object' && args[0] !== null ? builtValidations.get(args[0]) : undefined;
      if (args.length !== 1 || !validation) throw signatureError(dotted('setValidation'), args);
      rec().validation = { ...validation };
      return self;
    });
  }
  if (as === 'TEXT' || as === 'PARAGRAPH_TEXT') {
    method('clearValidation', () => {
      rec().validation = null;
      return self;
    });
  }
  if (as === 'MULTIPLE_CHOICE' || as === 'CHECKBOX' || as === 'LIST') {
    method('createChoice', (...args) => {
      checkArgs(dotted('createChoice'), args, ['string']);
      return new Choice(env.rt, args[0] as string);
    });
    method('setChoices', (...args) => {
      const choices = args[0];
      if (args.length !== 1 || !Array.isArray(choices) || !choices.every((c) => c instanceof Choice)) {
        throw signatureError(dotted('setChoices'), args);
      }
      setChoiceValues(
        rec(),
        choices.map((c) => c.value),
      );
      return self;
    });
    method('setChoiceValues', (...args) => {
      const values = args[0];
      if (args.length !== 1 || !Array.isArray(values) || !values.every((v) => typeof v === 'string')) {
        throw signatureError(dotted('setChoiceValues'), args);
      }
      setChoiceValues(rec(), values);
      return self;
    });
    method('getChoices', () => rec().choices.map((value) => new Choice(env.rt, value)));
  }
  if (as === 'MULTIPLE_CHOICE' || as === 'CHECKBOX') {
    setter('showOtherOption', ['boolean'], (enabled) => (rec().otherOption = enabled as boolean));
    method('hasOtherOption', () => rec().otherOption);
  }
  if (as === 'SCALE') {
    setter('setBounds', ['number', 'number'], (lower, upper) => {
      // Google: the lower bound is 0 or 1, the upper 3 to 10.
      if ((lower !== 0 && lower !== 1) || !Number.isInteger(upper) || (upper as number) < 3 || (upper as number) > 10) {
        throw new AppsScriptError('Invalid bounds: the lower bound must be 0 or 1 and the upper bound from 3 to 10.');
      }
      rec().lowerBound = lower;
      rec().upperBound = upper as number;
    });
    method('getLowerBound', () => rec().lowerBound);
    method('getUpperBound', () => rec().upperBound);
    setter('setLabels', ['string', 'string'], (left, right) => {
      rec().leftLabel = left as string;
      rec().rightLabel = right as string;
    });
    method('getLeftLabel', () => rec().leftLabel);
    method('getRightLabel', () => rec().rightLabel);
  }
  if (as === 'DATE') {
    setter('setIncludesYear', ['boolean'], (enabled) => (rec().includesYear = enabled as boolean));
    method('includesYear', () => rec().includesYear);
  }
  return Object.freeze(self);
}

function setChoiceValues(item: ItemRecord, values: string[]): void {
  if (values.length === 0) throw new AppsScriptError('Choices cannot be empty.');
  item.choices = [...values];
}

/** The answer `createResponse` was given, in the item's stored form; throws as Google does for a bad one. */
function responseArgument(env: ItemEnv, item: ItemRecord, call: string, args: unknown[]): Answer {
  let answer: Answer;
  switch (item.type) {
    case 'CHECKBOX':
      if (args.length !== 1 || !Array.isArray(args[0]) || !args[0].every((v) => typeof v === 'string')) {
        throw signatureError(call, args);
      }
      answer = [...args[0]];
      break;
    case 'SCALE':
      checkArgs(call, args, ['number']);
      answer = String(args[0]);
      break;
    case 'DATE': {
      checkArgs(call, args, ['date']);
      const day = localTime((args[0] as Date).getTime(), env.timeZone());
      answer = `${day.year}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;
      break;
    }
    default:
      checkArgs(call, args, ['string']);
      answer = args[0] as string;
  }
  // Validity of the value itself (a known choice, within bounds); requiredness is the submit's business.
  const checked = checkAnswer({ ...item, required: false, validation: null }, answer);
  return checked ?? answer;
}
