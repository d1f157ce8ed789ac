// Loads a compiled Apps Script file (dist/Code.js) into a vm context holding only Apps Script's globals.
import { readFileSync } from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';
import { parse } from 'acorn';
import { clientArguments, ClientCallError, clientResult, messageOf } from './client-values';
import type { BundleRunner, Emulator } from './index';
import { AppsScriptError } from './runtime';
import type { AuthModeName, ExecutionContext, ExecutionKind } from './services/context';

export { ClientCallError } from './client-values';

export interface RunOptions {
  kind?: ExecutionKind;
  /** Default: LIMITED for a simple trigger, FULL otherwise. */
  authMode?: AuthModeName;
  /** The account that runs it (a second staff member pressing a button); must be one of `emu.accounts`. Default: the first. */
  as?: string;
}

export interface WebAppResponse {
  mimeType: string;
  content: string;
  title: string;
  /** An HtmlOutput's addMetaTag tags (Google puts them in the page's head); none for text output. */
  metaTags: Array<{ name: string; content: string }>;
}

export interface BundleApp {
  /** The file's top-level function declarations, in source order. */
  functions(): string[];
  /** Runs `fn(...args)` as one execution of the given kind; its error propagates. */
  run(fn: string, args?: unknown[], options?: RunOptions): unknown;
  /** As google.script.run from the sidebar: arguments and result cross by Google's rules; a failure throws ClientCallError. */
  callFromClient(fn: string, ...args: unknown[]): unknown;
  /** A GET of the web app: `params` as an object (a list for a repeated name) or a query string. */
  doGet(params?: Record<string, string | string[]> | string): WebAppResponse;
  /** The realm the file was evaluated in at load, for tests that look at the script's globals; each execution gets a fresh one. */
  readonly sandbox: vm.Context;
}

export function loadBundle(emu: Emulator, codePath = 'dist/Code.js'): BundleApp {
  return loadBundleSource(emu, readFileSync(codePath, 'utf8'), codePath);
}

// Compiled once per source text: sweeps build hundreds of emulators over the same dist/Code.js, and a vm.Script
// is not bound to a context, so every realm runs the same compiled code.
const compiled = new Map<string, vm.Script>();
const COMPILED_KEPT = 4;

function compile(source: string, fileName: string): vm.Script {
  const key = `${fileName}\n${source}`;
  let script = compiled.get(key);
  if (!script) {
    script = new vm.Script(builtinBindings(source) + source, { filename: fileName });
    if (compiled.size >= COMPILED_KEPT) compiled.delete(compiled.keys().next().value as string);
    compiled.set(key, script);
  }
  return script;
}

const REALM_JSON = new vm.Script('JSON');

// V8 frees a dropped vm context only in a full collection, and its heuristics do not see how much each one
// holds: a sweep making thousands of executions grew to the heap limit (3 GB in two minutes) and spent its
// time collecting. A full collection every REALMS_PER_COLLECTION realms keeps it near 400 MB, and faster.
const REALMS_PER_COLLECTION = 200;
let realmsSinceCollection = 0;
const collectGarbage: () => void = (() => {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
})();

/** A template's body, compiled once and made a function in whichever realm evaluates it. */
const templateScripts = new Map<string, vm.Script>();

function templateIn(realm: vm.Context, code: string, fileName: string): (...args: unknown[]) => void {
  let script = templateScripts.get(code);
  if (!script) {
    script = new vm.Script(`(function (output, __print, __scope) { with (__scope) {\n${code}\n} })`, {
      filename: `${fileName}#template`,
    });
    templateScripts.set(code, script);
  }
  return script.runInContext(realm) as (...args: unknown[]) => void;
}

/**
 * The same from source text: tests hand a small script in directly. As on Google, every execution evaluates
 * the file afresh in a realm of its own, so nothing a module-level variable holds outlives the execution.
 */
export function loadBundleSource(emu: Emulator, source: string, fileName = 'Code.js'): BundleApp {
  const script = compile(source, fileName);
  const freshRealm = (): vm.Context => {
    realmsSinceCollection += 1;
    if (realmsSinceCollection >= REALMS_PER_COLLECTION) {
      realmsSinceCollection = 0;
      collectGarbage();
    }
    const realm = vm.createContext(emu.globals(), { name: fileName });
    script.runInContext(realm);
    return realm;
  };
  // Evaluated once at load, outside any execution: a broken file fails here, and hasHandler and `sandbox` read it.
  const sandbox = freshRealm();
  /** The realms of the executions running now, innermost last (an interleaved execution nests in another). */
  const realms: vm.Context[] = [];

  const run = (fn: string, args: unknown[] | ((realm: vm.Context) => unknown[]) = [], options: RunOptions = {}) => {
    const kind = options.kind ?? 'client';
    if (options.as !== undefined && !emu.accounts.has(options.as))
      throw new Error(`no account ${options.as}: add it with emu.accounts.add`);
    const context: ExecutionContext = {
      kind,
      authMode: options.authMode ?? (kind === 'simpleTrigger' ? 'LIMITED' : 'FULL'),
    };
    if (options.as !== undefined) context.user = emu.accounts.get(options.as).email;
    return runIn(fn, args, context);
  };

  const runIn = (
    fn: string,
    args: unknown[] | ((realm: vm.Context) => unknown[]),
    context: ExecutionContext,
  ): unknown => {
    const kind = context.kind;
    return emu.withContext(context, () =>
      emu.rt.runExecution(fn === 'doGet' ? 'doGet' : `${kind}:${fn}`, () => {
        const realm = freshRealm();
        const handler = (realm as Record<string, unknown>)[fn];
        if (typeof handler !== 'function') throw new AppsScriptError(`Script function not found: ${fn}`);
        realms.push(realm);
        try {
          return (handler as (...callArgs: unknown[]) => unknown)(...(typeof args === 'function' ? args(realm) : args));
        } finally {
          realms.pop();
        }
      }),
    );
  };

  const runner: BundleRunner = {
    runHandler: (handler, args, context) => runIn(handler, args, context),
    hasHandler: (name) => typeof (sandbox as Record<string, unknown>)[name] === 'function',
    evaluateTemplate: (code, output, print, scope) => {
      templateIn(realms[realms.length - 1] ?? sandbox, code, fileName)(output, print, scope);
    },
  };
  emu.attachBundle(runner);

  // Values handed to the script are objects of its realm (made by that realm's JSON), as in Apps Script.
  const inRealm = <T>(realm: vm.Context, value: T): T =>
    value === undefined ? value : ((REALM_JSON.runInContext(realm) as JSON).parse(JSON.stringify(value)) as T);

  return {
    sandbox,
    functions: () => topLevelFunctions(source),
    run: (fn, args, options) => run(fn, args, options),
    callFromClient: (fn, ...args) => {
      // The page's google.script.run offers only the script's public functions: a private one (trailing `_`)
      // or an unknown name is no method of it, so the call fails in the page before reaching the server.
      if (fn.endsWith('_') || typeof (sandbox as Record<string, unknown>)[fn] !== 'function') {
        throw new ClientCallError(`google.script.run.${fn} is not a function`);
      }
      const legal = clientArguments(args);
      let result: unknown;
      try {
        result = run(fn, (realm) => legal.map((value) => inRealm(realm, value)), { kind: 'client' });
      } catch (error) {
        throw new ClientCallError(messageOf(error));
      }
      return clientResult(result);
    },
    doGet: (params = {}) => {
      const result = run('doGet', (realm) => [inRealm(realm, webAppEvent(params))], { kind: 'webapp' });
      const page = emu.html.page(result);
      if (page) return { mimeType: 'text/html', content: page.content, title: page.title, metaTags: page.metaTags };
      const text = emu.content.describe(result);
      if (text) return { mimeType: text.mimeType, content: text.content, title: '', metaTags: [] };
      throw new AppsScriptError('The script completed but did not return anything.');
    },
  };
}

// A vm context answers every global lookup through an interceptor (hundreds of ns each, ~20× a local), so
// `Math.log` in a hot loop costs more than the log. Script-scope `let` bindings of the same objects are found
// before the global object and cost nothing; the script sees the very same values. Names the script declares
// itself are left alone (a second declaration would be a SyntaxError). Infinity, NaN and undefined are
// read-only globals and cannot be shadowed.
const SHADOWED_BUILTINS = [
  'Math',
  'Number',
  'Object',
  'Array',
  'String',
  'Boolean',
  'JSON',
  'Map',
  'Set',
  'WeakMap',
  'WeakSet',
  'RegExp',
  'Symbol',
  'Error',
  'TypeError',
  'RangeError',
  'Date',
  'Reflect',
  'Int32Array',
  'Float64Array',
  'Uint8Array',
  'parseInt',
  'parseFloat',
  'isNaN',
  'isFinite',
  'encodeURIComponent',
  'decodeURIComponent',
] as const;

/** One line (no newline, so line numbers hold) binding the builtins the script does not declare itself. */
function builtinBindings(source: string): string {
  const directive = /^\s*(['"])use strict\1/.test(source);
  if (directive) return '';
  const names = SHADOWED_BUILTINS.filter(
    (name) => !new RegExp(`(?:^|[;{}\\s])(?:var|let|const|function|class)\\s+${name}\\b`).test(source),
  );
  return names.length === 0 ? '' : `let ${names.map((name) => `${name} = globalThis.${name}`).join(', ')}; `;
}

/** The names of the script's top-level `function` declarations: what Apps Script lists as runnable. */
export function topLevelFunctions(source: string): string[] {
  const program = parse(source, { ecmaVersion: 'latest', sourceType: 'script' });
  const names: string[] = [];
  for (const node of program.body) {
    if (node.type === 'FunctionDeclaration' && node.id && !names.includes(node.id.name)) names.push(node.id.name);
  }
  return names;
}

/** doGet's `e`: first value per name, all values per name, and the raw query string. */
export function webAppEvent(params: Record<string, string | string[]> | string): Record<string, unknown> {
  const query = typeof params === 'string' ? new URLSearchParams(params.replace(/^\?/, '')) : new URLSearchParams();
  if (typeof params !== 'string') {
    for (const [name, value] of Object.entries(params))
      for (const one of Array.isArray(value) ? value : [value]) query.append(name, one);
  }
  const parameter: Record<string, string> = {};
  const parameters: Record<string, string[]> = {};
  for (const [name, value] of query) {
    parameter[name] ??= value;
    (parameters[name] ??= []).push(value);
  }
  return { queryString: query.toString(), parameter, parameters, contextPath: '', contentLength: -1 };
}
