// Embedded charts: Sheet.newChart() builders, typed builders from asColumnChart() and friends, and the
// charts a sheet holds. Charts are described, not drawn.
import { AppsScriptError } from '../runtime';
import { expectArgs, enumName, isAny, memberOf, isBool, isInt, isNum, isStr, signatureError } from './args';
import { ChartPosition, ChartType } from './enums';
import type { Env } from './env';
import { Range } from './range';
import type { BookState, ChartState } from './state';

const C = 'EmbeddedChartBuilder';

function emptyChart(): ChartState {
  return {
    chartId: 0,
    type: 'COLUMN',
    ranges: [],
    options: {},
    position: { anchorRow: 1, anchorColumn: 1, offsetX: 0, offsetY: 0 },
  };
}

function setPath(options: Record<string, unknown>, key: string, value: unknown): void {
  options[key] = value;
}

function pascal(type: string): string {
  return type
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

export class EmbeddedChartBuilder {
  /** Chart-type specific setters appear only after asXxxChart(), as on Google's typed builders. */
  [method: string]: unknown;

  constructor(
    protected readonly env: Env,
    protected readonly book: BookState,
    protected readonly sheetId: number,
    protected state: ChartState = emptyChart(),
    protected readonly chartId: number | null = null,
  ) {}

  protected enter(method: string): void {
    this.env.rt.call(C, method);
  }

  addRange(range: Range): this {
    this.enter('addRange');
    if (arguments.length !== 1 || !(range instanceof Range)) throw signatureError(C, 'addRange', arguments);
    if (range.book !== this.book) throw new AppsScriptError('Charts can only plot ranges of their own spreadsheet.');
    this.state.ranges.push({ sheetId: range.sheet.id, ...range.box });
    return this;
  }
  removeRange(range: Range): this {
    this.enter('removeRange');
    if (arguments.length !== 1 || !(range instanceof Range)) throw signatureError(C, 'removeRange', arguments);
    this.state.ranges = this.state.ranges.filter(
      (b) =>
        !(
          b.sheetId === range.sheet.id &&
          b.r === range.box.r &&
          b.c === range.box.c &&
          b.nr === range.box.nr &&
          b.nc === range.box.nc
        ),
    );
    return this;
  }
  clearRanges(): this {
    this.enter('clearRanges');
    this.state.ranges = [];
    return this;
  }
  getRanges(): Range[] {
    this.enter('getRanges');
    return rangesOf(this.env, this.book, this.state);
  }
  setChartType(type: unknown): this {
    this.enter('setChartType');
    const name = memberOf(ChartType, type);
    if (arguments.length !== 1 || !name) throw signatureError(C, 'setChartType', arguments);
    this.state.type = name;
    return this;
  }
  getChartType(): unknown {
    this.enter('getChartType');
    return ChartType[this.state.type as keyof typeof ChartType];
  }
  setOption(option: string, value: unknown): this {
    this.enter('setOption');
    expectArgs(C, 'setOption', arguments, [isStr, isAny]);
    setPath(this.state.options, option, structuredCloneSafe(value));
    return this;
  }
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): this {
    this.enter('setPosition');
    expectArgs(C, 'setPosition', arguments, [isInt, isInt, isInt, isInt]);
    if (anchorRowPos < 1 || anchorColPos < 1) throw new AppsScriptError('The chart anchor must be inside the sheet.');
    this.state.position = { anchorRow: anchorRowPos, anchorColumn: anchorColPos, offsetX, offsetY };
    return this;
  }
  setNumHeaders(headers: number): this {
    this.enter('setNumHeaders');
    expectArgs(C, 'setNumHeaders', arguments, [isInt]);
    this.state.options.numHeaders = headers;
    return this;
  }
  setTransposeRowsAndColumns(transpose: boolean): this {
    this.enter('setTransposeRowsAndColumns');
    expectArgs(C, 'setTransposeRowsAndColumns', arguments, [isBool]);
    this.state.options.transposeRowsAndColumns = transpose;
    return this;
  }
  build(): EmbeddedChart {
    this.enter('build');
    return new EmbeddedChart(this.env, this.book, this.sheetId, structuredClone(this.state), this.chartId);
  }
}

function structuredCloneSafe(value: unknown): unknown {
  const name = enumName(value);
  if (name !== null && typeof value === 'object') return name;
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

const TYPED = ['AREA', 'BAR', 'COLUMN', 'COMBO', 'HISTOGRAM', 'LINE', 'PIE', 'SCATTER', 'TABLE'] as const;

/** asColumnChart() etc.: switches the type and adds the typed builder's setters. */
function installTypedBuilders(): void {
  const proto = EmbeddedChartBuilder.prototype as unknown as Record<string, unknown>;
  for (const type of TYPED) {
    const method = `as${pascal(type)}Chart`;
    proto[method] = function (this: EmbeddedChartBuilder) {
      (this as unknown as { enter(m: string): void }).enter(method);
      const state = (this as unknown as { state: ChartState }).state;
      state.type = type;
      addTypedSetters(this, `Embedded${pascal(type)}ChartBuilder`, state);
      return this;
    };
  }
}

function addTypedSetters(builder: EmbeddedChartBuilder, className: string, state: ChartState): void {
  const env = (builder as unknown as { env: Env }).env;
  const define = (name: string, check: Array<(v: unknown) => boolean>, apply: (args: unknown[]) => void): void => {
    builder[name] = function (this: EmbeddedChartBuilder, ...args: unknown[]) {
      env.rt.call(className, name);
      expectArgs(className, name, args, check);
      apply(args);
      return this;
    };
  };
  const axis = (key: string, title: unknown): void => {
    state.options[key] = { ...(state.options[key] as object | undefined), title };
  };
  define('setTitle', [isStr], ([title]) => (state.options.title = title));
  define('setLegendPosition', [(v) => memberOf(ChartPosition, v) !== null], ([position]) =>
    (state.options.legend = { position: memberOf(ChartPosition, position)!.toLowerCase() }));
  define('setColors', [(v) => Array.isArray(v) && v.every((c) => typeof c === 'string')], ([colors]) =>
    (state.options.colors = [...(colors as string[])]));
  define('setStacked', [], () => (state.options.isStacked = true));
  define('set3D', [], () => (state.options.is3D = true));
  define('setXAxisTitle', [isStr], ([title]) => axis('hAxis', title));
  define('setYAxisTitle', [isStr], ([title]) => axis('vAxis', title));
  define('setDimensions', [isNum, isNum], ([width, height]) => {
    state.options.width = width;
    state.options.height = height;
  });
}

installTypedBuilders();

function rangesOf(env: Env, book: BookState, state: ChartState): Range[] {
  return state.ranges.flatMap(({ sheetId, ...box }) => {
    const sheet = book.sheets.find((s) => s.id === sheetId);
    return sheet ? [new Range(env, book, sheet, box)] : [];
  });
}

export class EmbeddedChart {
  constructor(
    private readonly env: Env,
    private readonly book: BookState,
    private readonly sheetId: number,
    private readonly state: ChartState,
    readonly chartId: number | null,
  ) {}

  /** The state stored in the sheet under an id (emulator-internal, not a script method). */
  attach(chartId: number): ChartState {
    return { ...structuredClone(this.state), chartId };
  }

  getId(): string | null {
    this.env.rt.call('EmbeddedChart', 'getId');
    return this.chartId === null ? null : `u${this.chartId}`;
  }
  getChartId(): number | null {
    this.env.rt.call('EmbeddedChart', 'getChartId');
    return this.chartId;
  }
  getRanges(): Range[] {
    this.env.rt.call('EmbeddedChart', 'getRanges');
    return rangesOf(this.env, this.book, this.state);
  }
  getOptions(): { get(option: string): unknown } {
    this.env.rt.call('EmbeddedChart', 'getOptions');
    const options = structuredClone(this.state.options);
    const env = this.env;
    return {
      get(option: string): unknown {
        env.rt.call('ChartOptions', 'get');
        if (option in options) return options[option];
        // Dotted paths read nested options, e.g. 'hAxis.title'.
        return (
          option
            .split('.')
            .reduce<unknown>(
              (node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
              options,
            ) ?? null
        );
      },
    };
  }
  getContainerInfo(): Record<string, () => number> {
    this.env.rt.call('EmbeddedChart', 'getContainerInfo');
    const { anchorRow, anchorColumn, offsetX, offsetY } = this.state.position;
    const count = (method: string, value: number) => () => {
      this.env.rt.call('ContainerInfo', method);
      return value;
    };
    return {
      getAnchorRow: count('getAnchorRow', anchorRow),
      getAnchorColumn: count('getAnchorColumn', anchorColumn),
      getOffsetX: count('getOffsetX', offsetX),
      getOffsetY: count('getOffsetY', offsetY),
    };
  }
  modify(): EmbeddedChartBuilder {
    this.env.rt.call('EmbeddedChart', 'modify');
    const builder = new EmbeddedChartBuilder(
      this.env,
      this.book,
      this.sheetId,
      structuredClone(this.state),
      this.chartId,
    );
    return builder;
  }
}
