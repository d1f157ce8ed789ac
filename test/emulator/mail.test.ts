import { describe, expect, it } from 'vitest';
import { createMail, DRAFT_NOT_FOUND_MESSAGE, QUOTA_MESSAGE } from '../../local/emulator/services/mail';
import { createUtilities } from '../../local/emulator/services/utilities';
import { makeServiceDeps } from './service-deps';

function setup(quota?: number) {
  const env = makeServiceDeps();
  const mail = createMail(env.rt, { ...env.deps, mailQuota: quota });
  const { GmailApp, MailApp } = mail.globals;
  return { ...env, GmailApp, MailApp, host: mail.host };
}

describe('GmailApp.sendEmail', () => {
  it('delivers to the outbox with options and counts the call', () => {
    const { GmailApp, host, rt } = setup();
    const { Utilities } = createUtilities(rt).globals;
    const pdf = Utilities.newBlob('price list', 'application/pdf', 'prices.pdf');
    GmailApp.sendEmail('Anna <anna@client.test>', 'Your emotes', 'plain', {
      htmlBody: '<b>hi</b>',
      name: 'Studio',
      cc: 'b@client.test',
      bcc: 'c@client.test, d@client.test',
      attachments: [pdf],
    });
    expect(host.outbox).toHaveLength(1);
    expect(host.outbox[0]).toMatchObject({
      to: ['anna@client.test'],
      cc: ['b@client.test'],
      bcc: ['c@client.test', 'd@client.test'],
      subject: 'Your emotes',
      body: 'plain',
      htmlBody: '<b>hi</b>',
      name: 'Studio',
      attachments: ['prices.pdf'],
      via: 'GmailApp',
      at: Date.parse('2024-03-01T09:00:00Z'),
    });
    expect(rt.counts.get('GmailApp.sendEmail')).toBe(1);
    expect(host.quotaUsed()).toBe(4);
  });

  it("throws Google's message for an invalid address and sends nothing", () => {
    const { GmailApp, host } = setup();
    expect(() => GmailApp.sendEmail('anna@client.test, not-an-address', 's', 'b')).toThrow(
      'Invalid email: not-an-address',
    );
    expect(() => GmailApp.sendEmail('a@client.test', 's', 'b', { cc: 'x@' })).toThrow('Invalid email: x@');
    expect(host.outbox).toHaveLength(0);
    expect(host.quotaUsed()).toBe(0);
  });

  it('rejects wrong argument types with the signature message', () => {
    const { GmailApp } = setup();
    expect(() => (GmailApp.sendEmail as (...a: unknown[]) => unknown)('a@client.test', 's')).toThrow(
      "The parameters (String,String) don't match the method signature for GmailApp.sendEmail.",
    );
  });

  it("throws a rejected address's bounce without charging the quota", () => {
    const { GmailApp, host } = setup();
    host.rejectAddress('gone@client.test', 'Gmail: recipient address rejected');
    expect(() => GmailApp.sendEmail('gone@client.test', 's', 'b')).toThrow('Gmail: recipient address rejected');
    expect(host.quotaUsed()).toBe(0);
  });

  it('refuses in a simple trigger with the authorisation error', () => {
    const { GmailApp, MailApp, setContext } = setup();
    setContext({ kind: 'simpleTrigger', authMode: 'LIMITED' });
    expect(() => GmailApp.sendEmail('a@client.test', 's', 'b')).toThrow(
      'You do not have permission to call GmailApp.sendEmail. Required permissions: https://mail.google.com/',
    );
    expect(() => MailApp.sendEmail('a@client.test', 's', 'b')).toThrow(
      'You do not have permission to call MailApp.sendEmail. Required permissions: https://www.googleapis.com/auth/script.send_mail',
    );
  });

  it('accepts `from` only for an alias', () => {
    const { GmailApp, host } = setup();
    expect(() => GmailApp.sendEmail('a@client.test', 's', 'b', { from: 'other@studio.test' })).toThrow(
      'Invalid argument: from',
    );
    host.setAliases(['hello@studio.test']);
    GmailApp.sendEmail('a@client.test', 's', 'b', { from: 'hello@studio.test' });
    expect(host.outbox[0]?.from).toBe('hello@studio.test');
    expect(GmailApp.getAliases()).toEqual(['hello@studio.test']);
  });
});

describe('MailApp.sendEmail', () => {
  it('takes the object form and the positional forms', () => {
    const { MailApp, host } = setup();
    MailApp.sendEmail({
      to: 'a@client.test',
      subject: 'obj',
      htmlBody: '<p>x</p>',
      replyTo: 'desk@studio.test',
      noReply: true,
    });
    MailApp.sendEmail('b@client.test', 'pos', 'body', { name: 'Studio' });
    MailApp.sendEmail('c@client.test', 'desk@studio.test', 'four', 'strings');
    expect(host.outbox.map((m) => [m.to[0], m.subject, m.via])).toEqual([
      ['a@client.test', 'obj', 'MailApp'],
      ['b@client.test', 'pos', 'MailApp'],
      ['c@client.test', 'four', 'MailApp'],
    ]);
    expect(host.outbox[0]).toMatchObject({
      htmlBody: '<p>x</p>',
      replyTo: 'desk@studio.test',
      noReply: true,
      body: '',
    });
    expect(host.outbox[2]).toMatchObject({ replyTo: 'desk@studio.test', body: 'strings' });
  });

  it('throws when there is nobody to send to', () => {
    const { MailApp } = setup();
    expect(() => MailApp.sendEmail({ to: '', subject: 's', body: 'b' })).toThrow('Failed to send email: no recipient');
  });
});

describe('the shared recipient quota', () => {
  it('counts to+cc+bcc across GmailApp and MailApp and throws past it', () => {
    const { GmailApp, MailApp, host } = setup(5);
    GmailApp.sendEmail('a@client.test', 's', 'b', { cc: 'b@client.test' });
    MailApp.sendEmail({ to: 'c@client.test', subject: 's', body: 'b', bcc: 'd@client.test' });
    expect(MailApp.getRemainingDailyQuota()).toBe(1);
    expect(() => GmailApp.sendEmail('e@client.test', 's', 'b', { cc: 'f@client.test' })).toThrow(QUOTA_MESSAGE);
    MailApp.sendEmail('e@client.test', 's', 'b');
    expect(MailApp.getRemainingDailyQuota()).toBe(0);
    expect(() => MailApp.sendEmail('g@client.test', 's', 'b')).toThrow(QUOTA_MESSAGE);
    expect(host.outbox).toHaveLength(3);
  });

  it('refills 24 hours after each use, not at midnight', () => {
    const { MailApp, clock } = setup(2);
    clock.set('2024-03-01T23:00:00Z');
    MailApp.sendEmail('a@client.test', 's', 'b');
    clock.set('2024-03-02T01:00:00Z'); // a new calendar day: nothing refills yet
    MailApp.sendEmail('b@client.test', 's', 'b');
    expect(MailApp.getRemainingDailyQuota()).toBe(0);
    expect(() => MailApp.sendEmail('c@client.test', 's', 'b')).toThrow(QUOTA_MESSAGE);
    clock.set('2024-03-02T23:00:00.001Z');
    expect(MailApp.getRemainingDailyQuota()).toBe(1);
    clock.set('2024-03-03T01:00:00.001Z');
    expect(MailApp.getRemainingDailyQuota()).toBe(2);
  });
});

describe('drafts', () => {
  it('creates, reads, updates, sends (removing the draft) and deletes', () => {
    const { GmailApp, host, clock } = setup();
    const draft = GmailApp.createDraft('a@client.test', 'Hello', 'text', { htmlBody: '<i>text</i>' });
    expect(GmailApp.getDraft(draft.getId()).getMessage().getSubject()).toBe('Hello');
    const message = draft.getMessage();
    expect(message.getBody()).toBe('<i>text</i>');
    expect(message.getPlainBody()).toBe('text');
    expect(message.getTo()).toBe('a@client.test');
    expect(message.getDate().getTime()).toBe(clock.now());
    draft.update('b@client.test', 'Hello again', 'text 2');
    expect(GmailApp.getDraftMessages().map((m) => m.getSubject())).toEqual(['Hello again']);
    const sent = draft.send();
    expect(sent.getSubject()).toBe('Hello again');
    expect(host.outbox[0]).toMatchObject({ to: ['b@client.test'], via: 'draft' });
    expect(GmailApp.getDrafts()).toHaveLength(0);
    expect(() => GmailApp.getDraft(draft.getId())).toThrow(DRAFT_NOT_FOUND_MESSAGE);
    const second = GmailApp.createDraft('', 'Template', 'x');
    second.deleteDraft();
    expect(() => second.getMessage()).toThrow(DRAFT_NOT_FOUND_MESSAGE);
  });

  it('serves a staff template seeded by the host, attachments included', () => {
    const { GmailApp, host } = setup();
    const id = host.addDraft({
      subject: 'Spring sale',
      body: 'Hi {{name}}',
      htmlBody: '<p>Hi {{name}}</p><img src="cid:logo">',
      attachments: [{ name: 'terms.txt', text: 'terms' }],
      inlineImages: { logo: { name: 'logo.png', contentType: 'image/png', base64: 'iVBORw0=' } },
    });
    const message = GmailApp.getDraft(id).getMessage();
    expect(message.getBody()).toContain('cid:logo');
    expect(message.getAttachments().map((b) => b.getName())).toEqual(['terms.txt', 'logo.png']);
    expect(message.getAttachments({ includeInlineImages: false }).map((b) => b.getDataAsString())).toEqual(['terms']);
    expect(host.drafts()).toEqual([
      expect.objectContaining({ id, subject: 'Spring sale', attachments: ['terms.txt'], inlineImages: ['logo'] }),
    ]);
  });

  it('survives toJSON/restore', () => {
    const first = setup(3);
    first.GmailApp.sendEmail('a@client.test', 's', 'b');
    const id = first.host.addDraft({ subject: 'T', body: 'b' });
    const second = setup();
    second.host.restore(JSON.parse(JSON.stringify(first.host.toJSON())));
    expect(second.host.outbox).toHaveLength(1);
    expect(second.MailApp.getRemainingDailyQuota()).toBe(2);
    expect(second.GmailApp.getDraft(id).getMessage().getSubject()).toBe('T');
  });
});

describe('MailApp.getRemainingDailyQuota', () => {
  it('needs authorisation: a simple trigger may not read the quota', () => {
    const services = makeServiceDeps();
    const { globals } = createMail(services.rt, { ...services.deps, mailQuota: 5 });
    expect(globals.MailApp.getRemainingDailyQuota()).toBe(5);
    services.setContext({ kind: 'simpleTrigger', authMode: 'LIMITED' });
    expect(() => globals.MailApp.getRemainingDailyQuota()).toThrow(
      'You do not have permission to call MailApp.getRemainingDailyQuota. Required permissions: https://www.googleapis.com/auth/script.send_mail',
    );
  });
});
