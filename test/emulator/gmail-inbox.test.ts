// The received side of Gmail: delivery-failure notices some minutes after a send to a bouncing address, replies
// and client mail in threads, the search forms the inbox step uses, labels, and headers.
import { describe, expect, it } from 'vitest';
import { createMail } from '../../local/emulator/services/mail';
import { makeServiceDeps } from './service-deps';

function setup() {
  const env = makeServiceDeps('2026-11-24T09:00:00Z');
  const mail = createMail(env.rt, env.deps);
  return { ...env, ...mail.globals, host: mail.host };
}
const MINUTE = 60_000;
const seconds = (ms: number) => Math.floor(ms / 1000);

describe('delivery-failure notices', () => {
  it('brings a hard bounce back from mailer-daemon only after its delay, with X-Failed-Recipients and a 5.x.x status', () => {
    const { GmailApp, host, clock } = setup();
    host.markBouncing('Gone@Client.test', 'hard', 7);
    GmailApp.createDraft('gone@client.test', 'Offer', 'body').send();
    expect(GmailApp.search('from:mailer-daemon', 0, 10)).toEqual([]);
    clock.advance(7 * MINUTE);
    const [notice] = GmailApp.search('from:mailer-daemon', 0, 10);
    const message = notice?.getMessages()[0];
    expect(message?.getHeader('X-Failed-Recipients')).toBe('gone@client.test');
    expect(message?.getRawContent()).toContain('Final-Recipient: rfc822; gone@client.test');
    expect(message?.getRawContent()).toMatch(/^Status: 5\.1\.1$/m);
    expect(message?.getSubject()).toBe('Delivery Status Notification (Failure)');
  });

  it('brings a soft bounce back as a delay with a 4.x.x status and no X-Failed-Recipients', () => {
    const { GmailApp, host, clock } = setup();
    host.markBouncing('full@client.test', 'soft', 1);
    GmailApp.createDraft('full@client.test', 'Offer', 'body').send();
    clock.advance(MINUTE);
    const message = GmailApp.search('from:mailer-daemon', 0, 10)[0]?.getMessages()[0];
    expect(message?.getHeader('X-Failed-Recipients')).toBe('');
    expect(message?.getRawContent()).toMatch(/^Status: 4\.4\.7$/m);
  });

  it('sends no notice for an address not marked as bouncing', () => {
    const { GmailApp, clock } = setup();
    GmailApp.createDraft('fine@client.test', 'Offer', 'body').send();
    clock.advance(60 * MINUTE);
    expect(GmailApp.search('from:mailer-daemon', 0, 10)).toEqual([]);
  });
});

describe('threads, replies and search', () => {
  it("puts a client's reply in the sent mail's thread, with the sender and date, and a staff reply after it", () => {
    const { GmailApp, host, clock } = setup();
    const sent = GmailApp.createDraft('anna@client.test', 'Offer', 'body').send();
    const threadId = sent.getThread().getId();
    clock.advance(30 * MINUTE);
    host.replyAsClient(threadId, 'Anna <anna@client.test>', 'Yes please');
    clock.advance(45 * MINUTE);
    host.replyAsStaff(threadId, 'Booked');
    const messages = GmailApp.getThreadById(threadId).getMessages();
    expect(messages.map((m) => m.getFrom())).toEqual([
      'owner@studio.test',
      'Anna <anna@client.test>',
      'owner@studio.test',
    ]);
    expect(messages.map((m) => m.getDate().toISOString())).toEqual([
      '2026-11-24T09:00:00.000Z',
      '2026-11-24T09:30:00.000Z',
      '2026-11-24T10:15:00.000Z',
    ]);
    expect(messages[1]?.getSubject()).toBe('Re: Offer');
    expect(messages[2]?.getTo()).toBe('Anna <anna@client.test>');
  });

  it('matches in:inbox only for received mail, after:/before: in epoch seconds, newest thread first', () => {
    const { GmailApp, host, clock } = setup();
    const start = clock.now();
    GmailApp.createDraft('anna@client.test', 'Offer', 'body').send();
    clock.advance(10 * MINUTE);
    const first = host.receive({ from: 'bob@client.test', subject: 'Question', body: 'Hi' });
    clock.advance(10 * MINUTE);
    const second = host.receive({ from: 'eve@client.test', subject: 'Another', body: 'Hi' });
    const ids = (query: string) => GmailApp.search(query, 0, 50).map((t) => t.getId());
    expect(ids('in:inbox')).toEqual([second.threadId, first.threadId]);
    expect(ids(`in:inbox after:${seconds(start + 15 * MINUTE)}`)).toEqual([second.threadId]);
    expect(ids(`in:inbox before:${seconds(start + 15 * MINUTE)}`)).toEqual([first.threadId]);
    expect(ids('in:sent')).toHaveLength(1);
  });

  it('leaves mail dated later than the clock out of search and threads', () => {
    const { GmailApp, host, clock } = setup();
    host.receive({ from: 'bob@client.test', subject: 'Later', body: 'x', at: clock.now() + MINUTE });
    expect(GmailApp.search('in:inbox', 0, 10)).toEqual([]);
  });

  it('labels threads: label: and -label: see them, a label must exist before addLabel', () => {
    const { GmailApp, host } = setup();
    const one = host.receive({ from: 'a@client.test', subject: 'One', body: 'x' });
    host.receive({ from: 'b@client.test', subject: 'Two', body: 'x' });
    const thread = GmailApp.getThreadById(one.threadId);
    expect(GmailApp.getUserLabelByName('Studio CRM/read')).toBeNull();
    const label = GmailApp.createLabel('Studio CRM/read');
    thread.addLabel(label);
    expect(GmailApp.search('label:studio-crm-read', 0, 10).map((t) => t.getId())).toEqual([one.threadId]);
    expect(GmailApp.search('in:inbox -label:studio-crm-read', 0, 10)).toHaveLength(1);
    expect(thread.getLabels().map((l) => l.getName())).toEqual(['Studio CRM/read']);
  });

  it('refuses a page larger than 500 threads and an unknown thread id', () => {
    const { GmailApp } = setup();
    expect(() => GmailApp.search('in:inbox', 0, 501)).toThrow('max');
    expect(() => GmailApp.getThreadById('nope')).toThrow();
  });

  it('sends a draft reply in the same thread, to the recipient of our own last message', () => {
    const { GmailApp } = setup();
    const threadId = GmailApp.createDraft('anna@client.test', 'Offer', 'body').send().getThread().getId();
    const thread = GmailApp.getThreadById(threadId);
    const sent = thread.createDraftReply('Did you see our offer?').send();
    expect(sent.getThread().getId()).toBe(thread.getId());
    expect(sent.getTo()).toBe('anna@client.test');
    expect(GmailApp.getThreadById(thread.getId()).getMessageCount()).toBe(2);
  });
});

describe('from:me', () => {
  it('matches the account’s own mail, and -from:me everything else, archived or not', () => {
    const { GmailApp, host, clock } = setup();
    const sent = GmailApp.createDraft('anna@client.test', 'Offer', 'body').send();
    clock.advance(MINUTE);
    const reply = host.replyAsClient(sent.getThread().getId(), 'anna@client.test', 'Yes');
    clock.advance(MINUTE);
    const other = host.receive({ from: 'bob@client.test', subject: 'Hello', body: 'x' });
    const ids = (query: string) => GmailApp.search(query, 0, 50).map((t) => t.getId());
    expect(ids('from:me')).toEqual([sent.getThread().getId()]);
    expect(ids('-from:me')).toEqual([other.threadId, reply.threadId]);
  });
});

describe('bounceSent', () => {
  it('brings a notice now for a mail already sent, naming each of its recipients', () => {
    const { GmailApp, host } = setup();
    const sent = GmailApp.createDraft('anna@client.test', 'Offer', 'body').send();
    host.bounceSent(sent.getId(), 'hard');
    const notice = GmailApp.search('from:mailer-daemon', 0, 10)[0]?.getMessages()[0];
    expect(notice?.getHeader('X-Failed-Recipients')).toBe('anna@client.test');
    expect(() => host.bounceSent('nope')).toThrow();
  });
});
