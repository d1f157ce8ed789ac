// UrlFetchApp and HTTPResponse against Google's reference (class UrlFetchApp, class HTTPResponse), and the
// fake Bot API against core.telegram.org/bots/api (getUpdates, sendMessage, "Formatting options").
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../local/emulator';
import { attachFakeTelegram } from '../../local/fake-telegram';

type Fetch = (
  url: unknown,
  params?: unknown,
) => { getResponseCode(): number; getContentText(): string; getHeaders(): Record<string, string> };
function setUp() {
  const emu = createEmulator({ now: '2026-11-24T09:00:00Z' });
  const urlFetch = emu.globals().UrlFetchApp as { fetch: Fetch; fetchAll(requests: unknown): ReturnType<Fetch>[] };
  return { emu, urlFetch };
}

describe('UrlFetchApp', () => {
  it('sends to the routed handler: method, headers, string payload and content type as given', () => {
    const { emu, urlFetch } = setUp();
    const seen: unknown[] = [];
    emu.urlFetch.route(
      'https://example.test/',
      (request) => (seen.push(request), { status: 201, headers: { 'X-Id': '7' }, body: 'créé' }),
    );
    const response = urlFetch.fetch('https://example.test/items', {
      method: 'POST',
      contentType: 'application/json',
      payload: '{"a":1}',
      headers: { Authorization: 'Bearer t' },
    });
    expect(seen).toEqual([
      {
        url: 'https://example.test/items',
        method: 'post',
        headers: { Authorization: 'Bearer t' },
        contentType: 'application/json',
        payload: '{"a":1}',
      },
    ]);
    expect(response.getResponseCode()).toBe(201);
    expect(response.getContentText()).toBe('créé');
    expect(response.getHeaders()).toEqual({ 'X-Id': '7' });
    expect(emu.rt.counts.get('UrlFetchApp.fetch')).toBe(1);
  });

  it('form-encodes an object payload with the documented default content type', () => {
    const { emu, urlFetch } = setUp();
    const seen: Array<{ payload: string | null; contentType: string | null }> = [];
    emu.urlFetch.route('https://example.test/', (request) => (seen.push(request), { status: 200, body: '' }));
    urlFetch.fetch('https://example.test/', { method: 'post', payload: { name: 'Аня & Co', n: '2' } });
    expect(seen[0]?.contentType).toBe('application/x-www-form-urlencoded');
    expect(seen[0]?.payload).toBe('name=%D0%90%D0%BD%D1%8F%20%26%20Co&n=2');
  });

  it('throws for a code of 400 or more unless muteHttpExceptions, then returns the response', () => {
    const { emu, urlFetch } = setUp();
    emu.urlFetch.route('https://example.test/', () => ({ status: 404, body: 'gone' }));
    expect(() => urlFetch.fetch('https://example.test/x')).toThrow(
      /^Request failed for https:\/\/example\.test\/x returned code 404\. Truncated server response: gone/,
    );
    const muted = urlFetch.fetch('https://example.test/x', { muteHttpExceptions: true });
    expect(muted.getResponseCode()).toBe(404);
    expect(muted.getContentText()).toBe('gone');
  });

  it('a failed connection throws even with muteHttpExceptions; an unknown host is a DNS error', () => {
    const { emu, urlFetch } = setUp();
    const bot = attachFakeTelegram(emu);
    bot.failNext('getMe', { kind: 'network' });
    expect(() =>
      urlFetch.fetch(`https://api.telegram.org/bot${bot.token}/getMe`, { muteHttpExceptions: true }),
    ).toThrow(/^Address unavailable: /);
    expect(() => urlFetch.fetch('https://nowhere.test/', { muteHttpExceptions: true })).toThrow(
      /^DNS error: https:\/\/nowhere\.test\//,
    );
    expect(emu.urlFetch.requests().map((r) => r.status)).toEqual(['network', 'dns']);
  });

  it('refuses a bad URL, an unknown method, a GET payload, an unknown parameter and a URL over 2 kB', () => {
    const { emu, urlFetch } = setUp();
    emu.urlFetch.route('https://example.test/', () => ({ status: 200, body: '' }));
    expect(() => urlFetch.fetch('example.test')).toThrow('Invalid argument: example.test');
    expect(() => urlFetch.fetch('https://example.test/', { method: 'head' })).toThrow('Invalid argument: method');
    expect(() => urlFetch.fetch('https://example.test/', { payload: 'x' })).toThrow('Invalid argument: payload');
    expect(() => urlFetch.fetch('https://example.test/', { mute: true })).toThrow('Invalid argument: mute');
    expect(() => urlFetch.fetch(`https://example.test/${'a'.repeat(2048)}`)).toThrow(
      'Limit Exceeded: URLFetch URL Length.',
    );
    expect(() => urlFetch.fetch(5)).toThrow(/don't match the method signature for UrlFetchApp\.fetch/);
    expect(emu.urlFetch.requests()).toHaveLength(0);
  });

  it('fetchAll answers in request order, strings and request objects alike, at one counted call', () => {
    const { emu, urlFetch } = setUp();
    emu.urlFetch.route('https://example.test/', (request) => ({ status: 200, body: request.url.slice(-1) }));
    const responses = urlFetch.fetchAll([
      'https://example.test/a',
      { url: 'https://example.test/b', method: 'post', payload: 'x' },
    ]);
    expect(responses.map((r) => r.getContentText())).toEqual(['a', 'b']);
    expect(emu.rt.counts.get('UrlFetchApp.fetchAll')).toBe(1);
    expect(emu.urlFetch.quotaUsed()).toBe(2);
  });

  it('a second route for the same prefix replaces the first (a restored playground re-attaches its fake bot)', () => {
    const { emu, urlFetch } = setUp();
    emu.urlFetch.route('https://example.test/', () => ({ status: 200, body: 'old' }));
    emu.urlFetch.route('https://example.test/', () => ({ status: 200, body: 'new' }));
    expect(urlFetch.fetch('https://example.test/').getContentText()).toBe('new');
  });

  it('is refused in a simple trigger, which runs without authorization', () => {
    const { emu, urlFetch } = setUp();
    emu.urlFetch.route('https://example.test/', () => ({ status: 200, body: '' }));
    expect(() =>
      emu.withContext({ kind: 'simpleTrigger', authMode: 'LIMITED' }, () => urlFetch.fetch('https://example.test/')),
    ).toThrow(/You do not have permission to call UrlFetchApp\.fetch.*script\.external_request/);
  });
});

describe('the fake Telegram Bot API', () => {
  const call = (urlFetch: { fetch: Fetch }, token: string, method: string, body?: object) => {
    const response = urlFetch.fetch(`https://api.telegram.org/bot${token}/${method}`, {
      method: 'post',
      contentType: 'application/json',
      payload: JSON.stringify(body ?? {}),
      muteHttpExceptions: true,
    });
    return {
      code: response.getResponseCode(),
      json: JSON.parse(response.getContentText()) as {
        ok: boolean;
        result?: never;
        error_code?: number;
        description?: string;
        parameters?: { retry_after: number };
      },
    };
  };

  it('getMe answers the bot; a wrong token is 401 Unauthorized', () => {
    const { emu, urlFetch } = setUp();
    const bot = attachFakeTelegram(emu);
    const me = call(urlFetch, bot.token, 'getMe');
    expect(me.code).toBe(200);
    expect(me.json.result).toMatchObject({ is_bot: true, username: 'studio_test_bot' });
    expect(call(urlFetch, '1:wrong', 'getMe')).toEqual({
      code: 401,
      json: { ok: false, error_code: 401, description: 'Unauthorized' },
    });
  });

  it('getUpdates: without offset every unconfirmed update again; an offset confirms those below it for good', () => {
    const { emu, urlFetch } = setUp();
    const bot = attachFakeTelegram(emu);
    const user = { id: 501, firstName: 'Аня', languageCode: 'ru' };
    const first = bot.userWrites(user, 'привет');
    const second = bot.userWrites(user, 'второе');
    const ids = (body?: object) =>
      (call(urlFetch, bot.token, 'getUpdates', body).json.result as unknown as Array<{ update_id: number }>).map(
        (u) => u.update_id,
      );
    expect(ids()).toEqual([first, second]);
    expect(ids()).toEqual([first, second]);
    expect(ids({ offset: first + 1 })).toEqual([second]);
    expect(ids()).toEqual([second]);
    expect(ids({ offset: second + 1 })).toEqual([]);
    const third = bot.userWrites(user, 'третье');
    bot.userWrites(user, 'четвёртое');
    expect(ids({ offset: -1 })).toEqual([third + 1]);
    expect(call(urlFetch, bot.token, 'getUpdates', { limit: 101 }).code).toBe(400);
  });

  it('sendMessage: 400 to a chat that never wrote, 403 once blocked, 429 with retry_after on demand and past 1 a second per chat', () => {
    const { emu, urlFetch } = setUp();
    const bot = attachFakeTelegram(emu);
    expect(call(urlFetch, bot.token, 'sendMessage', { chat_id: 42, text: 'hi' }).json.description).toBe(
      'Bad Request: chat not found',
    );
    bot.userWrites({ id: 42, firstName: 'Max' }, 'hello');
    const sent = call(urlFetch, bot.token, 'sendMessage', { chat_id: 42, text: 'hi' });
    expect(sent.code).toBe(200);
    expect(sent.json.result).toMatchObject({ message_id: bot.sent(42)[0]?.messageId, chat: { id: 42 }, text: 'hi' });
    expect(call(urlFetch, bot.token, 'sendMessage', { chat_id: 42, text: 'again' })).toMatchObject({
      code: 429,
      json: { parameters: { retry_after: 1 } },
    });
    emu.clock.advance(1000);
    bot.failNext('sendMessage', { kind: 'tooManyRequests', retryAfter: 7 });
    expect(call(urlFetch, bot.token, 'sendMessage', { chat_id: 42, text: 'x' })).toMatchObject({
      code: 429,
      json: { parameters: { retry_after: 7 } },
    });
    bot.block(42);
    expect(call(urlFetch, bot.token, 'sendMessage', { chat_id: 42, text: 'x' })).toMatchObject({
      code: 403,
      json: { description: 'Forbidden: bot was blocked by the user' },
    });
    expect(bot.sent(42)).toHaveLength(1);
  });

  it('parse_mode HTML: escaped text and allowed tags pass, a stray < or an unknown tag is refused', () => {
    const { emu, urlFetch } = setUp();
    const bot = attachFakeTelegram(emu);
    bot.userWrites({ id: 7, firstName: 'K' }, 'hi');
    const good = call(urlFetch, bot.token, 'sendMessage', {
      chat_id: 7,
      text: '<b>Tom &amp; Jerry</b> &lt;3',
      parse_mode: 'HTML',
    });
    expect(good.code).toBe(200);
    expect(bot.sent(7)[0]?.text).toBe('Tom & Jerry <3');
    emu.clock.advance(1000);
    expect(
      call(urlFetch, bot.token, 'sendMessage', { chat_id: 7, text: 'a < b', parse_mode: 'HTML' }).json.description,
    ).toMatch(/^Bad Request: can't parse entities/);
    expect(
      call(urlFetch, bot.token, 'sendMessage', { chat_id: 7, text: '<script>x</script>', parse_mode: 'HTML' }).json
        .description,
    ).toMatch(/^Bad Request: can't parse entities/);
    expect(call(urlFetch, bot.token, 'sendMessage', { chat_id: 7, text: '<b>open', parse_mode: 'HTML' }).code).toBe(
      400,
    );
  });
});
