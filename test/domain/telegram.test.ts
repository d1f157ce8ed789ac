// Telegram's pure parts, expectations from the Bot API docs and worked by hand.
import { describe, expect, it } from 'vitest';
import { hmacSigner } from '../../src/domain/hmac';
import { readBotReply, sendOutcome } from '../../src/domain/telegram/answers';
import { escapeTelegramHtml, fillTelegramTemplate } from '../../src/domain/telegram/html';
import { planInbox, type InboxContext } from '../../src/domain/telegram/inbox';
import { deepLink, linkToken, verifyLinkToken } from '../../src/domain/telegram/link';
import { createPace } from '../../src/domain/telegram/pace';
import { isBotTokenShape, maskBotToken } from '../../src/domain/telegram/token';
import { nextOffset, readUpdates } from '../../src/domain/telegram/updates';

const sign = hmacSigner('studio secret');

describe('HTML subset', () => {
  it('escapes the four characters Telegram names and leaves the template’s tags', () => {
    expect(escapeTelegramHtml('a<b & "c">')).toBe('a&lt;b &amp; &quot;c&quot;&gt;');
    expect(fillTelegramTemplate('<b>{name}</b> wrote', { name: '<i>Eve</i> & co' })).toBe(
      '<b>&lt;i&gt;Eve&lt;/i&gt; &amp; co</b> wrote',
    );
  });
});

describe('deep-link tokens', () => {
  it('fit Telegram’s start parameter (≤ 64 of A-Z a-z 0-9 _ -) and verify back to the client id', () => {
    const token = linkToken('C-0001', sign) ?? '';
    expect(token).toMatch(/^C-0001_[A-Za-z0-9_-]{22}$/);
    expect(verifyLinkToken(token, sign)).toBe('C-0001');
    expect(deepLink('my_bot', token)).toBe(`https://t.me/my_bot?start=${token}`);
  });

  it('verifies whatever characters the signature holds (web-safe base64 has _ and -)', () => {
    // Many secrets: some signatures contain `_`, which must not be taken for the separator.
    for (let i = 0; i < 200; i++) {
      const signer = hmacSigner(`secret ${i}`);
      expect(verifyLinkToken(linkToken('C-0042', signer) ?? '', signer)).toBe('C-0042');
    }
  });

  it('an altered id or signature, another secret, or an id that cannot travel give nothing', () => {
    const token = linkToken('C-0001', sign) ?? '';
    expect(verifyLinkToken(token.replace('C-0001', 'C-0002'), sign)).toBeNull();
    expect(verifyLinkToken(`${token.slice(0, -1)}${token.endsWith('x') ? 'y' : 'x'}`, sign)).toBeNull();
    expect(verifyLinkToken(linkToken('C-0001', hmacSigner('other')) ?? '', sign)).toBeNull();
    expect(verifyLinkToken('C-0001', sign)).toBeNull();
    expect(linkToken('Анна', sign)).toBeNull();
    expect(linkToken('C'.repeat(42), sign)).toBeNull(); // 42 + 1 + 22 = 65 > 64
    expect(linkToken('C'.repeat(41), sign)).not.toBeNull();
  });
});

describe('bot token', () => {
  it('knows BotFather’s shape and masks all but the bot id and last four characters', () => {
    expect(isBotTokenShape('123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw')).toBe(true);
    expect(isBotTokenShape('123456789 AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw')).toBe(false);
    expect(maskBotToken('123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw')).toBe('123456789:••••Dsaw');
  });
});

describe('answers', () => {
  const answer = (status: number, body: object) => readBotReply({ kind: 'answer', status, body: JSON.stringify(body) });
  it('reads sent, 429 retry_after, 403, 5xx, 400 and no answer into what to do', () => {
    expect(sendOutcome(answer(200, { ok: true, result: { message_id: 17 } }))).toEqual({ kind: 'sent', messageId: 17 });
    expect(
      sendOutcome(
        answer(429, {
          ok: false,
          error_code: 429,
          description: 'Too Many Requests: retry after 12',
          parameters: { retry_after: 12 },
        }),
      ),
    ).toEqual({ kind: 'wait', seconds: 12 });
    expect(
      sendOutcome(answer(403, { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' }))
        .kind,
    ).toBe('unreachable');
    expect(sendOutcome(answer(502, { ok: false, error_code: 502, description: 'Bad Gateway' })).kind).toBe(
      'retryLater',
    );
    expect(
      sendOutcome(answer(400, { ok: false, error_code: 400, description: 'Bad Request: chat not found' })),
    ).toEqual({ kind: 'refused', description: 'Bad Request: chat not found' });
    expect(sendOutcome(readBotReply({ kind: 'network', message: 'Address unavailable' })).kind).toBe('retryLater');
    expect(sendOutcome(readBotReply({ kind: 'answer', status: 502, body: '<html>' })).kind).toBe('retryLater');
  });
});

describe('pace', () => {
  it('one message a second per chat, 30 a second overall, and a retry_after pause for all', () => {
    const pace = createPace();
    pace.record('a', 1000);
    expect(pace.waitBefore('a', 1400)).toBe(600);
    expect(pace.waitBefore('b', 1400)).toBe(0);
    for (let i = 0; i < 29; i++) pace.record(`c${i}`, 1500);
    // 30 in the last second (1000 and 29 at 1500): the next may go when the one at 1000 is a second old.
    expect(pace.waitBefore('z', 1600)).toBe(400);
    expect(pace.waitBefore('z', 2100)).toBe(0);
    pace.pauseUntil(9000);
    expect(pace.waitBefore('z', 2100)).toBe(6900);
  });
});

describe('updates and the inbox plan', () => {
  const update = (id: number, chat: number, text: string, date = 1_700_000_000) => ({
    update_id: id,
    message: {
      message_id: id,
      from: { id: chat, is_bot: false, first_name: 'A' },
      chat: { id: chat, type: 'private' },
      date,
      text,
    },
  });
  const context = (over: Partial<InboxContext> = {}): InboxContext => ({
    clients: [
      { id: 'C-0001', chatId: '501', locale: 'ru', callName: 'Анна' },
      { id: 'C-0002', chatId: null, locale: null, callName: 'Max' },
    ],
    requests: [],
    verify: (token) => verifyLinkToken(token, sign),
    isStaffToken: () => false,
    newRequestId: (taken) => `R-${String(taken.length + 1).padStart(4, '0')}`,
    studioLocale: 'en',
    stamp: () => '12:00',
    summaryMaxChars: 100,
    ...over,
  });

  it('reads /start with and without a token, plain text, and ignores the rest; the offset is one past the highest id', () => {
    const actions = readUpdates([
      update(12, 5, 'hi'),
      update(10, 5, '/start abc_1'),
      update(11, 5, '/start'),
      { update_id: 13, edited_message: {} },
    ]);
    expect(actions.map((a) => a.kind)).toEqual(['link', 'start', 'message', 'ignore']);
    expect(nextOffset(0, actions)).toBe(14);
    expect(nextOffset(20, actions)).toBe(20);
  });

  it('joins a client’s messages into one open request, makes none for an unlinked chat, and binds a valid token', () => {
    const token = linkToken('C-0002', sign) ?? '';
    const plan = planInbox(
      readUpdates([
        update(1, 501, 'нужен оверлей'),
        update(2, 501, 'и баннер'),
        update(3, 600, 'кто это?'),
        update(4, 777, `/start ${token}`),
        update(5, 777, 'hello'),
      ]),
      0,
      context(),
    );
    expect(plan.newRequests.map((r) => [r.id, r.clientId, r.summary, r.telegramUpdateId])).toEqual([
      ['R-0001', 'C-0001', 'нужен оверлей\n[12:00] и баннер', 2],
      ['R-0002', 'C-0002', 'hello', 5],
    ]);
    expect(plan.binds).toEqual([{ clientId: 'C-0002', chatId: '777', at: new Date(1_700_000_000_000) }]);
    expect(plan.answers.map((a) => [a.chatId, a.key, a.locale])).toEqual([
      ['600', 'telegram.client.notLinked', 'en'],
      ['777', 'telegram.client.greeting', 'en'],
    ]);
    expect(plan.offset).toBe(6);
  });

  it('Start pressed again by a bound client binds nothing, unless Telegram had said they blocked the bot', () => {
    const token = linkToken('C-0001', sign) ?? '';
    const batch = readUpdates([update(7, 501, `/start ${token}`)]);
    expect(planInbox(batch, 0, context()).binds).toEqual([]);
    const blocked = context({
      clients: [{ id: 'C-0001', chatId: '501', locale: 'ru', callName: 'Анна', unreachableAt: new Date(0) }],
    });
    expect(planInbox(batch, 0, blocked).binds).toEqual([
      { clientId: 'C-0001', chatId: '501', at: new Date(1_700_000_000_000) },
    ]);
  });

  it('planning the same batch again after its rows were written does nothing twice', () => {
    const batch = readUpdates([update(1, 501, 'нужен оверлей'), update(2, 501, 'и баннер')]);
    const first = planInbox(batch, 0, context());
    const again = planInbox(batch, 0, context({ requests: first.newRequests }));
    expect(again.newRequests).toEqual([]);
    expect(again.joins).toEqual([]);
    // A later message joins the open request.
    const later = planInbox(readUpdates([update(3, 501, 'срочно')]), 3, context({ requests: first.newRequests }));
    expect(later.joins).toEqual([
      { requestId: 'R-0001', summary: 'нужен оверлей\n[12:00] и баннер\n[12:00] срочно', telegramUpdateId: 3 },
    ]);
  });
});
