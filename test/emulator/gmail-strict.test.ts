// Gmail as Google documents it: GmailApp.getDrafts() lists the drafts (their ids are what a script may decide
// from), GmailDraft.send() returns the sent GmailMessage, whose getThread() finds its thread; and any call may
// fail with a message in the user's language or one nobody has seen, which a script must not read.
import { describe, expect, it } from 'vitest';
import { createMail } from '../../local/emulator/services/mail';
import { makeServiceDeps } from './service-deps';

function setup() {
  const env = makeServiceDeps();
  const mail = createMail(env.rt, env.deps);
  return { ...env, ...mail.globals, host: mail.host };
}

describe('GmailApp drafts', () => {
  it("lists a created draft's id in getDrafts until it is sent, and send returns the sent message with its thread", () => {
    const { GmailApp, host } = setup();
    const draft = GmailApp.createDraft('anna@client.test', 'Offer', 'body');
    const id = draft.getId();
    expect(GmailApp.getDrafts().map((d) => d.getId())).toEqual([id]);
    const message = draft.send();
    expect(GmailApp.getDrafts()).toEqual([]);
    expect(message.getSubject()).toBe('Offer');
    expect(message.isDraft()).toBe(false);
    const thread = message.getThread();
    expect(thread.getFirstMessageSubject()).toBe('Offer');
    expect(thread.getMessages().length).toBe(1);
    expect(host.outbox.map((m) => [m.messageId, m.via])).toEqual([[message.getId(), 'draft']]);
    expect(GmailApp.search('to:anna@client.test').map((t) => t.getId())).toEqual([thread.getId()]);
    expect(GmailApp.search('to:bob@client.test')).toEqual([]);
  });

  it('refuses a search operator it does not model rather than answering wrongly', () => {
    const { GmailApp } = setup();
    expect(() => GmailApp.search('has:attachment')).toThrow('does not model');
  });
});

describe('injected Gmail errors with any text', () => {
  const texts = [
    'Слишком много вызовов службы за один день: email.',
    'Ошибка сервера: повторите попытку позже.',
    'Something nobody has seen 4f2a',
  ];
  const calls: Array<[string, (g: ReturnType<typeof setup>) => unknown]> = [
    ['GmailApp.createDraft', (g) => g.GmailApp.createDraft('a@client.test', 's', 'b')],
    ['GmailApp.sendEmail', (g) => g.GmailApp.sendEmail('a@client.test', 's', 'b')],
    ['GmailApp.getDrafts', (g) => g.GmailApp.getDrafts()],
    ['GmailApp.getDraft', (g) => g.GmailApp.getDraft('r-1')],
    ['GmailApp.search', (g) => g.GmailApp.search('to:a@client.test')],
    ['GmailDraft.send', (g) => g.GmailApp.createDraft('a@client.test', 's', 'b').send()],
    ['GmailDraft.deleteDraft', (g) => g.GmailApp.createDraft('a@client.test', 's', 'b').deleteDraft()],
    ['MailApp.sendEmail', (g) => g.MailApp.sendEmail('a@client.test', 's', 'b')],
    ['MailApp.getRemainingDailyQuota', (g) => g.MailApp.getRemainingDailyQuota()],
  ];
  for (const [call, act] of calls) {
    for (const text of texts) {
      it(`${call} throws "${text}" once, then works`, () => {
        const g = setup();
        g.rt.failOn(call, text, 1);
        expect(() => act(g)).toThrow(text);
        if (call === 'GmailApp.getDraft') expect(() => act(g)).toThrow('Invalid argument: draftId');
        else expect(() => act(g)).not.toThrow();
      });
    }
  }

  it('a failed send delivers nothing and leaves the draft listed', () => {
    const g = setup();
    const draft = g.GmailApp.createDraft('a@client.test', 's', 'b');
    g.rt.failOn('GmailDraft.send', 'Неизвестная ошибка', 1);
    expect(() => draft.send()).toThrow('Неизвестная ошибка');
    expect(g.host.outbox).toEqual([]);
    expect(g.GmailApp.getDrafts().map((d) => d.getId())).toEqual([draft.getId()]);
  });

  it('can fail after delivering: the mail went out and the draft is gone, yet send throws', () => {
    const g = setup();
    const draft = g.GmailApp.createDraft('a@client.test', 's', 'b');
    g.host.failAfterDelivery('draft', 'Ошибка сервера', 1);
    expect(() => draft.send()).toThrow('Ошибка сервера');
    expect(g.host.outbox.map((m) => m.to)).toEqual([['a@client.test']]);
    expect(g.GmailApp.getDrafts()).toEqual([]);
  });
});
