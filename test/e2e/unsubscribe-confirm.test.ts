// A mail scanner opening the unsubscribe link (GET) unsubscribes nobody; only the confirmation page's button
// does, in the client's language, on a page readable on a phone; a link for an old address changes nothing.
import { describe, expect, it } from 'vitest';
import { consentingClient, mailStudio } from '../support/mail-studio';

function studio() {
  return mailStudio({
    clients: [consentingClient('C-0001', { locale: 'en' }), consentingClient('C-0002')],
    setup: false,
  });
}

const pendingKeys = (s: ReturnType<typeof studio>) =>
  Object.keys(s.emu.properties.script()).filter((key) => key.startsWith('crm.unsubscribe.'));
const unsubscribedAt = (s: ReturnType<typeof studio>, id: string) =>
  s.rows('clients').find((row) => row.id === id)?.unsubscribedAt;

describe('unsubscribe needs the click', () => {
  it.each([
    ['en', 'Unsubscribe from our mailings?', 'You are unsubscribed'],
    ['ru', 'Отписаться от наших рассылок?', 'Вы отписаны'],
  ] as const)('a GET shows one button (%s) and records nothing; the press records', (hl, question, done) => {
    const s = studio();
    const token = s.tokenFor('C-0001', 'c-0001@example.com');
    // A scanner fetches the link, even several times.
    for (let fetches = 0; fetches < 3; fetches++) {
      const page = s.app.doGet({ action: 'unsubscribe', token, hl });
      expect(page.content).toContain(question);
      expect(page.content).not.toContain(done);
      expect(page.content.match(/<button/g)).toHaveLength(1);
      expect(page.content).toContain('.confirmUnsubscribe(');
      expect(page.content).not.toContain('c-0001@'); // the page names nobody
      expect(page.metaTags).toEqual([{ name: 'viewport', content: 'width=device-width, initial-scale=1' }]);
    }
    expect(pendingKeys(s)).toEqual([]);
    s.app.run('runHourly', [], { kind: 'trigger' });
    expect(unsubscribedAt(s, 'C-0001')).toBe('');

    // The press: google.script.run from the page.
    expect(s.app.callFromClient('confirmUnsubscribe', token, hl)).toEqual({
      done: true,
      message: expect.stringContaining(done),
    });
    expect(pendingKeys(s)).toEqual(['crm.unsubscribe.C-0001']);
    s.emu.advance(60_000);
    s.app.run('runHourly', [], { kind: 'trigger' });
    expect(unsubscribedAt(s, 'C-0001')).toEqual(new Date('2026-11-24T09:00:00Z'));
    expect(unsubscribedAt(s, 'C-0002')).toBe('');
  });

  it('a forged token is refused by the button too', () => {
    const s = studio();
    const token = s.tokenFor('C-0001', 'c-0001@example.com', 'another-secret');
    expect(s.app.doGet({ action: 'unsubscribe', token, hl: 'en' }).content).not.toContain('<button');
    expect(s.app.callFromClient('confirmUnsubscribe', token, 'en')).toMatchObject({ done: false });
    expect(pendingKeys(s)).toEqual([]);
  });

  it('a link made for an address the client no longer has changes nothing', () => {
    const s = studio();
    // The link went to the client's old address; Clients now holds c-0002@example.com for C-0002.
    const token = s.tokenFor('C-0002', 'old-address@example.com');
    expect(s.app.callFromClient('confirmUnsubscribe', token, 'ru')).toMatchObject({ done: true });
    s.app.run('runHourly', [], { kind: 'trigger' });
    expect(unsubscribedAt(s, 'C-0002')).toBe('');
    expect(pendingKeys(s)).toEqual([]);
    // The link for the current address does unsubscribe.
    s.app.callFromClient('confirmUnsubscribe', s.tokenFor('C-0002', 'C-0002@Example.com'), 'ru');
    s.app.run('runHourly', [], { kind: 'trigger' });
    expect(unsubscribedAt(s, 'C-0002')).toEqual(new Date('2026-11-24T09:00:00Z'));
  });
});
