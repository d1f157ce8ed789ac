// UrlFetchApp and HTTPResponse: the emulator is offline, so every request goes to a handler a test or the
// playground routes by URL prefix (the fake Telegram Bot API); an unrouted host fails as a DNS error would.
import { AppsScriptError, type Runtime } from '../runtime';
import { requireAuthorization, signatureError, type ServiceDeps } from './context';

export const EXTERNAL_REQUEST_SCOPE = 'https://www.googleapis.com/auth/script.external_request';
export const URLFETCH_QUOTA_MESSAGE = 'Service invoked too many times for one day: urlfetch.';
export const URL_TOO_LONG_MESSAGE = 'Limit Exceeded: URLFetch URL Length.';
/** Google's quota page: URL length 2 kB; calls per day 20,000 (consumer). */
const URL_MAX_LENGTH = 2 * 1024;
const DAY_MS = 24 * 60 * 60 * 1000;
const METHODS = ['get', 'delete', 'patch', 'post', 'put'] as const;
const PARAM_KEYS = new Set([
  'contentType',
  'headers',
  'method',
  'payload',
  'useIntranet',
  'validateHttpsCertificates',
  'followRedirects',
  'muteHttpExceptions',
  'escaping',
]);

export type HttpMethod = (typeof METHODS)[number];

/** A request as a handler receives it. */
export interface HttpRequest {
  url: string;
  method: HttpMethod;
  headers: Record<string, string>;
  contentType: string | null;
  /** The body as sent: a string payload as is, an object payload form-encoded. */
  payload: string | null;
}

/** A handler's answer. */
export interface HttpReply {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

/** Thrown by a handler for a connection that never got an answer (timeout, reset). */
export class NetworkFailure extends Error {}

export type HttpHandler = (request: HttpRequest) => HttpReply;

export interface UrlFetchDeps extends Pick<ServiceDeps, 'context'> {
  /** URL Fetch calls per rolling 24 hours. */
  dailyQuota?: number;
}

export interface UrlFetchLogEntry {
  at: number;
  method: HttpMethod;
  url: string;
  status: number | 'network' | 'dns';
}

export function createUrlFetch(rt: Runtime, deps: UrlFetchDeps) {
  const routes: Array<{ prefix: string; handler: HttpHandler }> = [];
  const log: UrlFetchLogEntry[] = [];
  const usage: number[] = [];
  const quota = deps.dailyQuota ?? 20_000;

  const prepare = (call: string, url: unknown, params: unknown): { request: HttpRequest; mute: boolean } => {
    if (
      typeof url !== 'string' ||
      (params !== undefined && (typeof params !== 'object' || params === null || Array.isArray(params)))
    ) {
      throw signatureError(call, params === undefined ? [url] : [url, params]);
    }
    if (!/^https?:\/\/[^/\s]+/i.test(url)) throw new AppsScriptError(`Invalid argument: ${url}`);
    if (url.length > URL_MAX_LENGTH) throw new AppsScriptError(URL_TOO_LONG_MESSAGE);
    const options = (params ?? {}) as Record<string, unknown>;
    // Google documents these keys only; an unknown one is refused here (stricter: Google's answer is undocumented).
    for (const key of Object.keys(options))
      if (!PARAM_KEYS.has(key)) throw new AppsScriptError(`Invalid argument: ${key}`);
    const methodName = String(options.method ?? 'get').toLowerCase();
    const method = METHODS.find((m) => m === methodName);
    if (!method) throw new AppsScriptError(`Invalid argument: method`);
    const headers: Record<string, string> = {};
    if (options.headers !== undefined) {
      if (typeof options.headers !== 'object' || options.headers === null)
        throw new AppsScriptError('Invalid argument: headers');
      for (const [name, value] of Object.entries(options.headers)) headers[name] = String(value);
    }
    let contentType = options.contentType === undefined ? null : String(options.contentType);
    let payload: string | null = null;
    if (options.payload !== undefined && options.payload !== null) {
      // Google: "Certain HTTP methods (for example, GET) do not accept a payload"; refused here.
      if (method === 'get' || method === 'delete') throw new AppsScriptError('Invalid argument: payload');
      if (typeof options.payload === 'string') payload = options.payload;
      else if (typeof options.payload === 'object' && !Array.isArray(options.payload)) {
        const fields = Object.entries(options.payload as Record<string, unknown>);
        // Google takes strings or blobs as field values; any other type is refused (its coercion is undocumented).
        if (fields.some(([, value]) => typeof value !== 'string'))
          throw new AppsScriptError('Invalid argument: payload');
        payload = fields
          .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value as string)}`)
          .join('&');
      } else throw new AppsScriptError('Invalid argument: payload');
      contentType ??= 'application/x-www-form-urlencoded';
    }
    return { request: { url, method, headers, contentType, payload }, mute: options.muteHttpExceptions === true };
  };

  const spendQuota = () => {
    const since = rt.clock.now() - DAY_MS;
    while (usage.length > 0 && (usage[0] ?? 0) <= since) usage.shift();
    if (usage.length >= quota) throw new AppsScriptError(URLFETCH_QUOTA_MESSAGE);
    usage.push(rt.clock.now());
  };

  const perform = ({ request, mute }: { request: HttpRequest; mute: boolean }): HttpResponse => {
    spendQuota();
    const route = routes.find((r) => request.url.startsWith(r.prefix));
    const entry: UrlFetchLogEntry = { at: rt.clock.now(), method: request.method, url: request.url, status: 'dns' };
    log.push(entry);
    if (!route) throw new AppsScriptError(`DNS error: ${request.url}`);
    let reply: HttpReply;
    try {
      reply = route.handler(structuredClone(request));
    } catch (error) {
      if (!(error instanceof NetworkFailure)) throw error;
      entry.status = 'network';
      // Even muteHttpExceptions does not turn a failed connection into a response.
      throw new AppsScriptError(`Address unavailable: ${request.url}`);
    }
    entry.status = reply.status;
    if (reply.status >= 400 && !mute) {
      const truncated = reply.body.length > 100 ? `${reply.body.slice(0, 100)}...` : reply.body;
      throw new AppsScriptError(
        `Request failed for ${request.url} returned code ${reply.status}. Truncated server response: ${truncated} (use muteHttpExceptions option to examine full response)`,
      );
    }
    return new HttpResponse(rt, reply);
  };

  const UrlFetchApp = {
    fetch(url: unknown, params?: unknown): HttpResponse {
      rt.call('UrlFetchApp', 'fetch');
      requireAuthorization(deps, 'UrlFetchApp.fetch', EXTERNAL_REQUEST_SCOPE);
      return perform(prepare('UrlFetchApp.fetch', url, params));
    },
    fetchAll(requests: unknown): HttpResponse[] {
      rt.call('UrlFetchApp', 'fetchAll');
      requireAuthorization(deps, 'UrlFetchApp.fetchAll', EXTERNAL_REQUEST_SCOPE);
      if (!Array.isArray(requests)) throw signatureError('UrlFetchApp.fetchAll', [requests]);
      // Every request is checked before any is sent, as one batch.
      const prepared = requests.map((item: unknown) => {
        if (typeof item === 'string') return prepare('UrlFetchApp.fetchAll', item, undefined);
        if (typeof item !== 'object' || item === null) throw signatureError('UrlFetchApp.fetchAll', [requests]);
        const { url, ...params } = item as Record<string, unknown>;
        return prepare('UrlFetchApp.fetchAll', url, params);
      });
      return prepared.map(perform);
    },
  };

  const host = {
    /** Sends every request whose URL starts with `prefix` to `handler` (replacing that prefix's handler; first match wins). */
    route(prefix: string, handler: HttpHandler): void {
      const existing = routes.find((r) => r.prefix === prefix);
      if (existing) existing.handler = handler;
      else routes.push({ prefix, handler });
    },
    /** Every request the script made, oldest first. */
    requests: (): readonly UrlFetchLogEntry[] => log,
    quotaUsed: () => usage.filter((at) => at > rt.clock.now() - DAY_MS).length,
  };

  return { globals: { UrlFetchApp }, host };
}

/** HTTPResponse: what fetch returns. */
export class HttpResponse {
  readonly #rt: Runtime;
  readonly #reply: HttpReply;

  constructor(rt: Runtime, reply: HttpReply) {
    this.#rt = rt;
    this.#reply = reply;
  }

  getResponseCode(): number {
    this.#rt.call('HTTPResponse', 'getResponseCode');
    return this.#reply.status;
  }

  getContentText(charset?: unknown): string {
    this.#rt.call('HTTPResponse', 'getContentText');
    if (charset !== undefined && typeof charset !== 'string')
      throw signatureError('HTTPResponse.getContentText', [charset]);
    if (charset !== undefined && !/^utf-?8$/i.test(charset)) throw new AppsScriptError(`Invalid argument: ${charset}`);
    return this.#reply.body;
  }

  getHeaders(): Record<string, string> {
    this.#rt.call('HTTPResponse', 'getHeaders');
    return { ...(this.#reply.headers ?? {}) };
  }

  getAllHeaders(): Record<string, string> {
    this.#rt.call('HTTPResponse', 'getAllHeaders');
    return { ...(this.#reply.headers ?? {}) };
  }

  /** Java's signed bytes, as Apps Script returns them. */
  getContent(): number[] {
    this.#rt.call('HTTPResponse', 'getContent');
    return [...Buffer.from(this.#reply.body, 'utf8')].map((byte) => (byte > 127 ? byte - 256 : byte));
  }
}
