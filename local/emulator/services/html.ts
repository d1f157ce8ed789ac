// HtmlService: HtmlOutput, HtmlTemplate with scriptlets, and the files clasp pushes from dist/.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppsScriptError, type Runtime } from '../runtime';
import { checkArgs } from '../signature';
import { signatureError } from './context';
import { createEnum, enumKey, type EnumValue } from './enums';
import { compileTemplate, escapeHtml, printable } from './html-template';

export const SandboxMode = createEnum('HtmlService.SandboxMode', ['EMULATED', 'IFRAME', 'NATIVE']);
export const XFrameOptionsMode = createEnum('HtmlService.XFrameOptionsMode', ['ALLOWALL', 'DEFAULT']);

/** The meta tags Google lets a page add (HtmlOutput.addMetaTag). */
const ALLOWED_META_TAGS = ['apple-mobile-web-app-capable', 'mobile-web-app-capable', 'viewport'];

/** The member's name; Google's signature error for anything not of that enum. */
function enumArg(call: string, enumName: string, value: unknown): string {
  const key = enumKey(enumName, value);
  if (key === null) throw signatureError(call, [value]);
  return key;
}

/** What a compiled template writes to: uncounted, since the script did not make these calls itself. */
export interface TemplateWriter {
  append(text: string): void;
  appendUntrusted(text: string): void;
}

/**
 * Runs a compiled template body inside the bundle's vm context, so scriptlets see the script's functions.
 * `print` turns a printed value into text; `scope` holds the properties assigned on the template.
 */
export type TemplateEvaluator = (
  code: string,
  output: TemplateWriter,
  print: (value: unknown) => string,
  scope: Record<string, unknown>,
) => void;

export interface HtmlDeps {
  /** Folder holding the pushed `.html` files (clasp's rootDir). */
  bundleDir: string;
  evaluate: TemplateEvaluator;
}

/** What a page shows: the playground and `doGet` read it through the host. */
export interface HtmlPage {
  content: string;
  title: string;
  width: number | null;
  height: number | null;
  sandboxMode: string;
  xFrameOptionsMode: string;
  faviconUrl: string | null;
  metaTags: Array<{ name: string; content: string }>;
}

export class HtmlOutputMetaTag {
  readonly #rt: Runtime;
  readonly #name: string;
  readonly #content: string;
  constructor(rt: Runtime, name: string, content: string) {
    this.#rt = rt;
    this.#name = name;
    this.#content = content;
  }
  getName(): string {
    this.#rt.call('HtmlOutputMetaTag', 'getName');
    return this.#name;
  }
  getContent(): string {
    this.#rt.call('HtmlOutputMetaTag', 'getContent');
    return this.#content;
  }
}

export class HtmlOutput {
  readonly #rt: Runtime;
  readonly #service: HtmlServiceImpl;
  readonly page: HtmlPage;

  constructor(rt: Runtime, service: HtmlServiceImpl, content: string) {
    this.#rt = rt;
    this.#service = service;
    this.page = {
      content,
      title: '',
      width: null,
      height: null,
      sandboxMode: 'IFRAME',
      xFrameOptionsMode: 'DEFAULT',
      faviconUrl: null,
      metaTags: [],
    };
    Object.defineProperty(this, 'page', { enumerable: false });
  }

  getContent(): string {
    this.#rt.call('HtmlOutput', 'getContent');
    return this.page.content;
  }
  setContent(content: string): HtmlOutput {
    this.#rt.call('HtmlOutput', 'setContent');
    checkArgs('HtmlService.HtmlOutput.setContent', arguments, ['string']);
    this.page.content = content;
    return this;
  }
  append(addedContent: string): HtmlOutput {
    this.#rt.call('HtmlOutput', 'append');
    checkArgs('HtmlService.HtmlOutput.append', arguments, ['string']);
    this.page.content += addedContent;
    return this;
  }
  appendUntrusted(addedContent: string): HtmlOutput {
    this.#rt.call('HtmlOutput', 'appendUntrusted');
    checkArgs('HtmlService.HtmlOutput.appendUntrusted', arguments, ['string']);
    this.page.content += escapeHtml(addedContent);
    return this;
  }
  clear(): HtmlOutput {
    this.#rt.call('HtmlOutput', 'clear');
    this.page.content = '';
    return this;
  }
  asTemplate(): HtmlTemplate {
    this.#rt.call('HtmlOutput', 'asTemplate');
    return new HtmlTemplate(this.#rt, this.#service, this.page.content);
  }
  getTitle(): string {
    this.#rt.call('HtmlOutput', 'getTitle');
    return this.page.title;
  }
  setTitle(title: string): HtmlOutput {
    this.#rt.call('HtmlOutput', 'setTitle');
    checkArgs('HtmlService.HtmlOutput.setTitle', arguments, ['string']);
    this.page.title = title;
    return this;
  }
  getWidth(): number | null {
    this.#rt.call('HtmlOutput', 'getWidth');
    return this.page.width;
  }
  setWidth(width: number): HtmlOutput {
    this.#rt.call('HtmlOutput', 'setWidth');
    checkArgs('HtmlService.HtmlOutput.setWidth', arguments, ['number']);
    this.page.width = Math.trunc(width);
    return this;
  }
  getHeight(): number | null {
    this.#rt.call('HtmlOutput', 'getHeight');
    return this.page.height;
  }
  setHeight(height: number): HtmlOutput {
    this.#rt.call('HtmlOutput', 'setHeight');
    checkArgs('HtmlService.HtmlOutput.setHeight', arguments, ['number']);
    this.page.height = Math.trunc(height);
    return this;
  }
  setSandboxMode(mode: EnumValue): HtmlOutput {
    this.#rt.call('HtmlOutput', 'setSandboxMode');
    enumArg('HtmlService.HtmlOutput.setSandboxMode', 'HtmlService.SandboxMode', mode);
    // Google now serves every page as IFRAME whatever is asked.
    this.page.sandboxMode = 'IFRAME';
    return this;
  }
  setXFrameOptionsMode(mode: EnumValue): HtmlOutput {
    this.#rt.call('HtmlOutput', 'setXFrameOptionsMode');
    this.page.xFrameOptionsMode = enumArg(
      'HtmlService.HtmlOutput.setXFrameOptionsMode',
      'HtmlService.XFrameOptionsMode',
      mode,
    );
    return this;
  }
  addMetaTag(name: string, content: string): HtmlOutput {
    this.#rt.call('HtmlOutput', 'addMetaTag');
    checkArgs('HtmlService.HtmlOutput.addMetaTag', arguments, ['string', 'string']);
    if (!ALLOWED_META_TAGS.includes(name)) {
      throw new AppsScriptError(`Meta tag with name "${name}" is not allowed.`);
    }
    this.page.metaTags.push({ name, content });
    return this;
  }
  getMetaTags(): HtmlOutputMetaTag[] {
    this.#rt.call('HtmlOutput', 'getMetaTags');
    return this.page.metaTags.map((tag) => new HtmlOutputMetaTag(this.#rt, tag.name, tag.content));
  }
  getFaviconUrl(): string | null {
    this.#rt.call('HtmlOutput', 'getFaviconUrl');
    return this.page.faviconUrl;
  }
  setFaviconUrl(iconUrl: string): HtmlOutput {
    this.#rt.call('HtmlOutput', 'setFaviconUrl');
    checkArgs('HtmlService.HtmlOutput.setFaviconUrl', arguments, ['string']);
    this.page.faviconUrl = iconUrl;
    return this;
  }
  toString(): string {
    return 'HtmlOutput';
  }
}

export class HtmlTemplate {
  readonly #rt: Runtime;
  readonly #service: HtmlServiceImpl;
  readonly #source: string;

  constructor(rt: Runtime, service: HtmlServiceImpl, source: string) {
    this.#rt = rt;
    this.#service = service;
    this.#source = source;
  }

  getCode(): string {
    this.#rt.call('HtmlTemplate', 'getCode');
    return compileTemplate(this.#source);
  }
  getCodeWithComments(): string {
    this.#rt.call('HtmlTemplate', 'getCodeWithComments');
    return compileTemplate(this.#source);
  }
  getRawContent(): string {
    this.#rt.call('HtmlTemplate', 'getRawContent');
    return this.#source;
  }
  evaluate(): HtmlOutput {
    this.#rt.call('HtmlTemplate', 'evaluate');
    const code = compileTemplate(this.#source);
    // Properties a script assigned (`template.clients = …`) become variables of the scriptlets.
    const scope: Record<string, unknown> = Object.create(null);
    for (const key of Object.keys(this)) scope[key] = (this as unknown as Record<string, unknown>)[key];
    const output = new HtmlOutput(this.#rt, this.#service, '');
    const writer: TemplateWriter = {
      append: (text) => {
        output.page.content += String(text);
      },
      appendUntrusted: (text) => {
        output.page.content += escapeHtml(String(text));
      },
    };
    this.#service.deps.evaluate(code, writer, printable, scope);
    return output;
  }
  toString(): string {
    return 'HtmlTemplate';
  }
}

class HtmlServiceImpl {
  readonly SandboxMode = SandboxMode;
  readonly XFrameOptionsMode = XFrameOptionsMode;
  readonly #rt: Runtime;
  readonly deps: HtmlDeps;

  constructor(rt: Runtime, deps: HtmlDeps) {
    this.#rt = rt;
    this.deps = deps;
    Object.defineProperty(this, 'deps', { enumerable: false });
  }

  createHtmlOutput(html?: string): HtmlOutput {
    this.#rt.call('HtmlService', 'createHtmlOutput');
    checkArgs('HtmlService.createHtmlOutput', arguments, [], ['string']);
    return new HtmlOutput(this.#rt, this, html ?? '');
  }
  createHtmlOutputFromFile(filename: string): HtmlOutput {
    this.#rt.call('HtmlService', 'createHtmlOutputFromFile');
    checkArgs('HtmlService.createHtmlOutputFromFile', arguments, ['string']);
    return new HtmlOutput(this.#rt, this, this.readPushedFile(filename));
  }
  createTemplate(html: string): HtmlTemplate {
    this.#rt.call('HtmlService', 'createTemplate');
    checkArgs('HtmlService.createTemplate', arguments, ['string']);
    return new HtmlTemplate(this.#rt, this, html);
  }
  createTemplateFromFile(filename: string): HtmlTemplate {
    this.#rt.call('HtmlService', 'createTemplateFromFile');
    checkArgs('HtmlService.createTemplateFromFile', arguments, ['string']);
    return new HtmlTemplate(this.#rt, this, this.readPushedFile(filename));
  }

  /** Apps Script knows a project file by its name without `.html`; the name with it also resolves. */
  private readPushedFile(filename: string): string {
    const base = filename.endsWith('.html') ? filename.slice(0, -'.html'.length) : filename;
    const path = join(this.deps.bundleDir, `${base}.html`);
    if (base === '' || base.includes('..') || !existsSync(path)) {
      throw new AppsScriptError(`No HTML file named ${filename} was found.`);
    }
    return readFileSync(path, 'utf8');
  }
}

export interface HtmlHost {
  /** The page an HtmlOutput describes, or null when `value` is not one (e.g. a TextOutput). */
  page(value: unknown): HtmlPage | null;
  /** HtmlService keeps no state; present so every host serialises alike. */
  toJSON(): Record<string, never>;
  restore(json: unknown): void;
}

export function createHtmlService(
  rt: Runtime,
  deps: HtmlDeps,
): { globals: { HtmlService: HtmlServiceImpl }; host: HtmlHost } {
  const HtmlService = new HtmlServiceImpl(rt, deps);
  const host: HtmlHost = {
    page: (value) => (value instanceof HtmlOutput ? { ...value.page, metaTags: [...value.page.metaTags] } : null),
    toJSON: () => ({}),
    restore: () => undefined,
  };
  return { globals: { HtmlService }, host };
}

export type { HtmlServiceImpl as HtmlService };
