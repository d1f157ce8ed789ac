// The channel of a campaign or flow message per client, what a journaled or recorded Telegram send means for
// the mail after it, and the rendered mail as a Telegram HTML message.
import { describe, expect, it } from 'vitest';
import { channelFor, telegramMove, telegramText, type ChannelClient } from '../../src/domain/telegram/channel';

const LINKED_AT = new Date('2026-11-01T10:00:00Z');

function client(fields: Partial<ChannelClient> = {}): ChannelClient {
  return { chatId: '1001', linkedAt: LINKED_AT, unreachableAt: null, preferredChannel: '', ...fields };
}

describe('channelFor', () => {
  it('Telegram only for a linked, reachable client; blank means both, as for broadcasts', () => {
    expect(channelFor(client({ preferredChannel: 'telegram' }), true)).toBe('telegram');
    expect(channelFor(client({ preferredChannel: 'both' }), true)).toBe('both');
    expect(channelFor(client(), true)).toBe('both');
    expect(channelFor(client({ preferredChannel: 'email' }), true)).toBe('mail');
  });

  it('falls back to mail when Telegram cannot reach the client: no bot, no chat, not linked, blocked', () => {
    const telegramOnly = { preferredChannel: 'telegram' };
    expect(channelFor(client(telegramOnly), false)).toBe('mail');
    expect(channelFor(client({ ...telegramOnly, chatId: null }), true)).toBe('mail');
    expect(channelFor(client({ ...telegramOnly, linkedAt: null }), true)).toBe('mail');
    expect(channelFor(client({ ...telegramOnly, unreachableAt: new Date('2026-11-20T08:00:00Z') }), true)).toBe('mail');
    expect(channelFor(undefined, true)).toBe('mail');
  });
});

describe('telegramMove', () => {
  it('sends when nothing is known, and again for a message left in flight (its answer was never read)', () => {
    expect(telegramMove('telegram', undefined, '')).toEqual({ kind: 'send' });
    expect(telegramMove('both', 'w', '')).toEqual({ kind: 'send' });
    expect(telegramMove('telegram', 'p', '')).toEqual({ kind: 'send' });
  });

  it('never sends twice once a message id is known, from the journal or the Sends row; mail only for both', () => {
    expect(telegramMove('telegram', 'm42', '')).toEqual({ kind: 'delivered', messageId: '42', mail: false });
    expect(telegramMove('both', 'm42', '')).toEqual({ kind: 'delivered', messageId: '42', mail: true });
    expect(telegramMove('both', undefined, '77')).toEqual({ kind: 'delivered', messageId: '77', mail: true });
    // The row's id wins over a stale in-flight mark.
    expect(telegramMove('telegram', 'w', '77')).toEqual({ kind: 'delivered', messageId: '77', mail: false });
  });

  it('mails after a journaled 403 or 400 and for the mail channel', () => {
    expect(telegramMove('telegram', 'u', '')).toEqual({ kind: 'mail' });
    expect(telegramMove('telegram', 's', '')).toEqual({ kind: 'mail' });
    expect(telegramMove('mail', undefined, '')).toEqual({ kind: 'mail' });
    // Unlinked after a cut-off run left it in flight: mail, nothing more to Telegram.
    expect(telegramMove('mail', 'w', '')).toEqual({ kind: 'mail' });
  });
});

describe('telegramText', () => {
  it('puts the subject in bold and escapes every character of subject and text', () => {
    expect(telegramText('Скидка <20%> & «подарок»', 'Привет, "Анна"!\n<b>не тег</b>')).toBe(
      '<b>Скидка &lt;20%&gt; &amp; «подарок»</b>\n\nПривет, &quot;Анна&quot;!\n&lt;b&gt;не тег&lt;/b&gt;',
    );
  });

  it('leaves out an empty subject', () => {
    expect(telegramText('  ', 'Hi')).toBe('Hi');
  });

  it('cuts the text to 4,096 characters counted before escaping, ending in …', () => {
    // Subject "S" (1) + the blank line (2) leave 4,093 for the body: 4,092 characters and the ellipsis.
    const text = telegramText('S', 'a'.repeat(5000));
    const body = text.split('\n\n')[1] ?? '';
    expect(body).toHaveLength(4093);
    expect(body.endsWith('a…')).toBe(true);
    // Exactly fitting: nothing cut.
    expect(telegramText('S', 'b'.repeat(4093)).split('\n\n')[1]).toBe('b'.repeat(4093));
  });
});
