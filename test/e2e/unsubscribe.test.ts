// Unsubscribe through the web app: valid, altered and foreign tokens; the click held in script
// properties, honoured before every send, and written into Clients by the hourly step.
import { describe, expect, it } from 'vitest';
import { consentingClient, mailStudio, confirmedCount } from '../support/mail-studio';

function studioWithTwo() {
  return mailStudio({
    clients: [consentingClient('C-0001', { locale: 'en' }), consentingClient('C-0002')],
    setup: false,
  });
}

const unsubscribedAt = (studio: ReturnType<typeof studioWithTwo>, id: string) =>
  studio.rows('clients').find((row) => row.id === id)?.unsubscribedAt;

describe('unsubscribe', () => {
  it('a valid token confirms in the client language, blocks the next mail at once and reaches Clients hourly', () => {
    const studio = studioWithTwo();
    // The link's page asks; its button records (unsubscribe-confirm.test.ts covers the page itself).
    const answer = studio.app.callFromClient(
      'confirmUnsubscribe',
      studio.tokenFor('C-0001', 'c-0001@example.com'),
      'en',
    ) as { message: string };
    expect(answer.message).toContain('You are unsubscribed');
    expect(answer.message).not.toContain('c-0001'); // the answer names nobody
    expect(unsubscribedAt(studio, 'C-0001')).toBe(''); // no spreadsheet in a web app: held in script properties
    expect(Object.keys(studio.emu.properties.script())).toContain('crm.unsubscribe.C-0001');

    // Before the hourly step: a campaign skips C-0001 and mails C-0002 only.
    studio.call('createCampaign', {
      name: 'N',
      segmentId: 'all',
      template: 'promo',
      senderName: '',
      replyTo: '',
      scheduledAt: null,
      cost: 0,
    });
    studio.call('sendCampaign', 'K-0001', confirmedCount(studio, 'K-0001'));
    expect(studio.mailedTo()).toEqual(['c-0002@example.com']);
    expect(studio.sendsOf('K-0001').find((row) => row.clientId === 'C-0001')).toMatchObject({
      reason: 'Отписался от рассылок',
    });

    studio.emu.advance(30 * 60_000); // the hourly step comes later than the click (no trigger here: no setup)
    studio.app.run('runHourly', [], { kind: 'trigger' });
    expect(unsubscribedAt(studio, 'C-0001')).toEqual(new Date('2026-11-24T09:00:00Z')); // when they clicked
    expect(Object.keys(studio.emu.properties.script())).not.toContain('crm.unsubscribe.C-0001');
    expect(unsubscribedAt(studio, 'C-0002')).toBe('');
  });

  it("a click during a run stops that client's mail even though the run decided to send it", () => {
    const studio = studioWithTwo();
    studio.call('createCampaign', {
      name: 'N',
      segmentId: 'all',
      template: 'promo',
      senderName: '',
      replyTo: '',
      scheduledAt: null,
      cost: 0,
    });
    let clicked = false;
    studio.emu.rt.onCall = (call) => {
      if (call === 'GmailDraft.send' && !clicked) {
        clicked = true; // C-0001's mail is leaving; C-0002 clicks a link from an older mail meanwhile
        studio.app.callFromClient('confirmUnsubscribe', studio.tokenFor('C-0002', 'c-0002@example.com'), 'ru');
      }
    };
    studio.call('sendCampaign', 'K-0001', confirmedCount(studio, 'K-0001'));
    studio.emu.rt.onCall = null;
    expect(studio.mailedTo()).toEqual(['c-0001@example.com']);
  });

  it('an altered, foreign or missing token shows the neutral page and changes nothing', () => {
    const studio = studioWithTwo();
    const valid = studio.tokenFor('C-0001', 'c-0001@example.com');
    const [payload, signature] = valid.split('.') as [string, string];
    const forgedPayload = Buffer.from(
      `u1|C-0002|${Buffer.from(payload, 'base64url').toString().split('|')[2]}`,
    ).toString('base64url');
    const tokens = {
      altered: `${forgedPayload}.${signature}`, // another client's id under C-0001's signature
      flipped: `${payload}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`,
      foreign: studio.tokenFor('C-0002', 'c-0002@example.com', 'the secret of another install'),
      garbage: 'not-a-token',
    };
    for (const [label, token] of Object.entries(tokens)) {
      const page = studio.app.doGet({ action: 'unsubscribe', token, hl: 'ru' });
      expect(page.content, label).toContain('повреждена');
    }
    expect(studio.app.doGet({}).content).toContain('damaged'); // no language given: English
    expect(Object.keys(studio.emu.properties.script()).filter((key) => key.startsWith('crm.unsubscribe.'))).toEqual([]);
    studio.app.run('runHourly', [], { kind: 'trigger' });
    expect(unsubscribedAt(studio, 'C-0001')).toBe('');
    expect(unsubscribedAt(studio, 'C-0002')).toBe('');
  });
});
