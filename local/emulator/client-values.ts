// google.script.run's rules for what crosses between the page and the server (guide "Communicating with server functions").

/** Thrown where the page's google.script.run would fail: an illegal parameter, or the server function's error. */
export class ClientCallError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClientCallError';
  }
}

/** An error's message whichever realm threw it (`instanceof Error` fails for the script's errors). */
export function messageOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
    return (error as { message: string }).message;
  }
  return String(error);
}

/** Plain objects only: a class instance, Map, RegExp or Apps Script object is not one, from whichever realm. */
function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

type Verdict = { ok: true; value: unknown } | { ok: false; path: string };

/**
 * Copies a value by the documented rules: primitives, null, plain objects and arrays pass; undefined inside
 * an array becomes null and an undefined property is dropped; a Date, function, other object or a cycle fails.
 */
function copyLegal(value: unknown, path: string, seen: Set<object>): Verdict {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return { ok: true, value };
  if (typeof value === 'number') return { ok: true, value: Number.isFinite(value) ? value : null };
  if (typeof value !== 'object') return { ok: false, path };
  if (seen.has(value)) return { ok: false, path };
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      const copy: unknown[] = [];
      for (let i = 0; i < value.length; i += 1) {
        const element: unknown = value[i];
        if (element === undefined) {
          copy.push(null);
          continue;
        }
        const verdict = copyLegal(element, String(i), seen);
        if (!verdict.ok) return verdict;
        copy.push(verdict.value);
      }
      return { ok: true, value: copy };
    }
    if (!isPlainObject(value)) return { ok: false, path };
    const copy: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      if (field === undefined) continue;
      const verdict = copyLegal(field, key, seen);
      if (!verdict.ok) return verdict;
      copy[key] = verdict.value;
    }
    return { ok: true, value: copy };
  } finally {
    seen.delete(value);
  }
}

/** The arguments as the server receives them; throws as the page does for an illegal one. */
export function clientArguments(args: readonly unknown[]): unknown[] {
  return args.map((arg, i) => {
    if (arg === undefined) return null;
    const verdict = copyLegal(arg, String(i), new Set());
    if (!verdict.ok) throw new ClientCallError(`Failed due to illegal value in property: ${verdict.path}`);
    return verdict.value;
  });
}

/** What the success handler receives: a return value holding anything illegal (a Date, say) arrives as null. */
export function clientResult(value: unknown): unknown {
  if (value === undefined) return undefined;
  const verdict = copyLegal(value, '', new Set());
  return verdict.ok ? verdict.value : null;
}
