// Cell styles (background, font, alignment, wrap, borders): one stored attribute each, with Google's
// singular/plural setters and getters installed on Range.
import { expectArgs, is2d, isBool, isNum, isStrOrNull, memberOf, signatureError } from './args';
import { BorderStyle, WrapStrategy } from './enums';
import { checkShape, forEachCell, grid } from './cells';
import { Range } from './range';
import { cellAt, cellFor, type SheetState } from './state';

const NAMED_COLORS: Record<string, string> = {
  black: '#000000',
  white: '#ffffff',
  red: '#ff0000',
  green: '#008000',
  blue: '#0000ff',
  yellow: '#ffff00',
  orange: '#ffa500',
  gray: '#808080',
  grey: '#808080',
  purple: '#800080',
  pink: '#ffc0cb',
  lime: '#00ff00',
};

export function normaliseColor(color: string): string {
  const lower = color.trim().toLowerCase();
  if (NAMED_COLORS[lower]) return NAMED_COLORS[lower];
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(lower);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  return lower;
}

interface StyleAttr {
  /** Method stem: `Background` gives setBackground/setBackgrounds/getBackground/getBackgrounds. */
  stem: string;
  plural: string;
  key: string;
  fallback: string | number | boolean;
  accepts: (value: unknown) => boolean;
  normalise: (value: unknown) => string | number | boolean;
}

const text = (value: unknown): string => String(value);
const oneOf =
  (...allowed: string[]) =>
  (value: unknown): boolean =>
    value === null || (typeof value === 'string' && allowed.includes(value.toLowerCase()));

const ATTRS: StyleAttr[] = [
  {
    stem: 'Background',
    plural: 'Backgrounds',
    key: 'background',
    fallback: '#ffffff',
    accepts: isStrOrNull,
    normalise: (v) => normaliseColor(text(v)),
  },
  {
    stem: 'FontColor',
    plural: 'FontColors',
    key: 'fontColor',
    fallback: '#000000',
    accepts: isStrOrNull,
    normalise: (v) => normaliseColor(text(v)),
  },
  {
    stem: 'FontWeight',
    plural: 'FontWeights',
    key: 'fontWeight',
    fallback: 'normal',
    accepts: oneOf('bold', 'normal'),
    normalise: (v) => text(v).toLowerCase(),
  },
  {
    stem: 'FontStyle',
    plural: 'FontStyles',
    key: 'fontStyle',
    fallback: 'normal',
    accepts: oneOf('italic', 'normal'),
    normalise: (v) => text(v).toLowerCase(),
  },
  {
    stem: 'FontFamily',
    plural: 'FontFamilies',
    key: 'fontFamily',
    fallback: 'Arial',
    accepts: isStrOrNull,
    normalise: text,
  },
  { stem: 'FontSize', plural: 'FontSizes', key: 'fontSize', fallback: 10, accepts: isNum, normalise: Number },
  {
    stem: 'HorizontalAlignment',
    plural: 'HorizontalAlignments',
    key: 'horizontalAlignment',
    fallback: 'general',
    accepts: oneOf('left', 'center', 'right', 'normal', 'general'),
    normalise: (v) => text(v).toLowerCase(),
  },
  {
    stem: 'VerticalAlignment',
    plural: 'VerticalAlignments',
    key: 'verticalAlignment',
    fallback: 'bottom',
    accepts: oneOf('top', 'middle', 'bottom'),
    normalise: (v) => text(v).toLowerCase(),
  },
  { stem: 'Wrap', plural: 'Wraps', key: 'wrap', fallback: false, accepts: isBool, normalise: Boolean },
  {
    stem: 'WrapStrategy',
    plural: 'WrapStrategies',
    key: 'wrapStrategy',
    fallback: 'OVERFLOW',
    accepts: (v) => memberOf(WrapStrategy, v) !== null,
    normalise: (v) => memberOf(WrapStrategy, v)!,
  },
];

function writeStyle(sheet: SheetState, r: number, c: number, attr: StyleAttr, value: unknown): void {
  if (value === null) {
    const cell = cellAt(sheet, r, c);
    if (cell?.fmt) delete cell.fmt[attr.key];
    return;
  }
  const cell = cellFor(sheet, r, c);
  cell.fmt = { ...cell.fmt, [attr.key]: attr.normalise(value) };
  // Wrap and wrap strategy are one setting in Sheets.
  if (attr.key === 'wrap') cell.fmt.wrapStrategy = value ? 'WRAP' : 'OVERFLOW';
  if (attr.key === 'wrapStrategy') cell.fmt.wrap = attr.normalise(value) === 'WRAP';
}

function readStyle(sheet: SheetState, r: number, c: number, attr: StyleAttr): string | number | boolean {
  return cellAt(sheet, r, c)?.fmt?.[attr.key] ?? attr.fallback;
}

type Methods = Record<string, (this: Range, ...args: unknown[]) => unknown>;

function install(): void {
  const proto = Range.prototype as unknown as Methods;
  for (const attr of ATTRS) {
    const set = `set${attr.stem}`;
    const setMany = `set${attr.plural}`;
    const get = `get${attr.stem}`;
    const getMany = `get${attr.plural}`;
    proto[set] = function (this: Range, ...args: unknown[]) {
      this.env.rt.call('Range', set);
      if (args.length !== 1 || !attr.accepts(args[0])) throw signatureError('Range', set, args);
      forEachCell(this.box, (r, c) => writeStyle(this.sheet, r, c, attr, args[0]));
      return this;
    };
    proto[setMany] = function (this: Range, ...args: unknown[]) {
      this.env.rt.call('Range', setMany);
      expectArgs('Range', setMany, args, [is2d]);
      const values = args[0] as unknown[][];
      checkShape(values, this.box);
      if (values.some((row) => row.some((v) => !attr.accepts(v)))) throw signatureError('Range', setMany, args);
      forEachCell(this.box, (r, c, i, j) => writeStyle(this.sheet, r, c, attr, values[i]![j]));
      return this;
    };
    proto[get] = function (this: Range) {
      this.env.rt.call('Range', get);
      return readStyle(this.sheet, this.box.r, this.box.c, attr);
    };
    proto[getMany] = function (this: Range) {
      this.env.rt.call('Range', getMany);
      return grid(this.box, (r, c) => readStyle(this.sheet, r, c, attr));
    };
  }
  proto.setBorder = function (this: Range, ...args: unknown[]) {
    this.env.rt.call('Range', 'setBorder');
    const flag = (v: unknown): boolean => v === null || typeof v === 'boolean';
    const style = (v: unknown): boolean => v === null || memberOf(BorderStyle, v) !== null;
    expectArgs('Range', 'setBorder', args, Array(6).fill(flag), [...Array(6).fill(flag), isStrOrNull, style]);
    const border = JSON.stringify({
      sides: args.slice(0, 6),
      color: args[6] ?? null,
      style: memberOf(BorderStyle, args[7]) ?? null,
    });
    forEachCell(this.box, (r, c) => {
      const cell = cellFor(this.sheet, r, c);
      cell.fmt = { ...cell.fmt, border };
    });
    return this;
  };
}

install();
