// How the database's sheets are laid out: pure description, read by header mapping, migration and the sheets layer.
import type { CellSpec, CellType, EnumKey } from '../cells';
import type { MessageKey } from '../../i18n';

export type SheetKey =
  | 'clients'
  | 'orders'
  | 'feedback'
  | 'requests'
  | 'segments'
  | 'campaigns'
  | 'sends'
  | 'sendTotals'
  | 'loyalty'
  | 'templates'
  | 'discountCodes'
  | 'settings'
  | 'problems';

export type ColumnValidation =
  | { kind: 'list'; enumKey: EnumKey }
  | { kind: 'checkbox' }
  | { kind: 'number'; min?: number; max?: number }
  | { kind: 'date' }
  | { kind: 'email' };

export interface ColumnSpec extends CellSpec {
  key: string;
  /** The header, a catalog key (`column.<sheet>.<key>`); either language's header is accepted. */
  header: MessageKey;
  /** Other headers people use for this column, in any language. */
  aliases?: readonly string[];
  required?: boolean;
  /** Written by analysis; staff edits are overwritten on the next run. */
  derived?: boolean;
  /** A sentence may stand in for the value (e.g. "overdue by 3 days" for a past date): read as that text. */
  orText?: boolean;
  /** A text cell of counts per option of this list (`No consent: 3; Weekly limit: 1`), relabelled with the language. */
  countsOf?: EnumKey;
  /**
   * A machine part kept apart from that column's sentence (the ledger's Reason code): a sheet without this column
   * gets it as a bracketed suffix of that column's cell instead, so nothing is lost before a repair adds it.
   */
  suffixOf?: string;
  numberFormat?: string;
  validation?: ColumnValidation;
}

export interface SheetSpec {
  key: SheetKey;
  /** The tab's name, a catalog key (`sheet.<key>`). */
  name: MessageKey;
  /** Older or hand-made sheet names that mean this sheet. */
  aliases?: readonly string[];
  columns: readonly ColumnSpec[];
  /**
   * Columns that identify a row (an id, or campaign + client for Sends): a row blank in all of them is
   * not a record, and writers find a moved row again by them.
   */
  identity: readonly string[];
}

export const FORMATS = {
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
  money: '#,##0.00',
  integer: '0',
  percent: '0.0%',
} as const;

interface ColumnOptions {
  aliases?: readonly string[];
  required?: boolean;
  derived?: boolean;
  orText?: boolean;
  enumKey?: EnumKey;
  countsOf?: EnumKey;
  suffixOf?: string;
  maxLength?: number;
  numberFormat?: string;
  validation?: ColumnValidation;
}

/** A column with the format and validation its type implies, unless the options say otherwise. */
export function column(sheet: SheetKey, key: string, type: CellType, options: ColumnOptions = {}): ColumnSpec {
  const spec: ColumnSpec = { key, header: `column.${sheet}.${key}` as MessageKey, type, ...options };
  if (spec.numberFormat === undefined) {
    if (type === 'date') spec.numberFormat = FORMATS.date;
    if (type === 'datetime') spec.numberFormat = FORMATS.datetime;
    if (type === 'money') spec.numberFormat = FORMATS.money;
  }
  // An explicit `validation: undefined` in the options means "no validation".
  if (!('validation' in options) && !spec.derived) {
    if (type === 'enum' && spec.enumKey) spec.validation = { kind: 'list', enumKey: spec.enumKey };
    if (type === 'boolean') spec.validation = { kind: 'checkbox' };
    if (type === 'date' || type === 'datetime') spec.validation = { kind: 'date' };
    if (type === 'email') spec.validation = { kind: 'email' };
  }
  return spec;
}
