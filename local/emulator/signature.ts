// Checks a call's arguments against the shapes a method accepts; the message itself is context.ts's.
import { isDate, signatureError } from './services/context';

export type ArgKind = 'string' | 'number' | 'boolean' | 'object' | 'date' | 'array' | 'any';

function fits(value: unknown, kind: ArgKind): boolean {
  switch (kind) {
    case 'any':
      return value !== undefined;
    case 'date':
      return isDate(value);
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    default:
      return typeof value === kind;
  }
}

/**
 * Throws Google's signature error unless `args` match one of the accepted shapes.
 * `call` is Google's dotted name, e.g. `FormApp.Form.addTextItem`.
 */
export function checkArgs(call: string, args: ArrayLike<unknown>, ...shapes: ArgKind[][]): void {
  const given = Array.from(args);
  // Trailing undefined counts as not given, as the Apps Script bridge does.
  while (given.length > 0 && given[given.length - 1] === undefined) given.pop();
  if (!shapes.some((shape) => shape.length === given.length && shape.every((kind, i) => fits(given[i], kind)))) {
    throw signatureError(call, given);
  }
}
