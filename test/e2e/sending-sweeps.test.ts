// Exactly once under buffered writes, on dist/Code.js: a 50-recipient campaign whose press is killed after every
// possible call count k, and one into which, at every k, a second staff account presses Send and a duplicate
// trigger fires. After the next runs of the sending account: every eligible client mailed once, nobody else, from
// the sending account's mailbox only, and no draft addressed to a client left in any mailbox.
import { describe, expect, it } from 'vitest';
import {
  confirmedCount,
  consentingClient,
  mailStudio,
  STAFF_EMAIL,
  type MailStudio,
  createCampaignFor,
} from '../support/mail-studio';
import { translate } from '../../src/i18n';
import { formIds } from '../support/studio';

// Also the count staff confirm: the 2 excluded clients are not in it.
const RECIPIENTS = 50;
const SECOND = 'boris@studio.test';
const DONE = 'Завершена';

function world(withForms = false): { studio: MailStudio; eligible: string[]; registration: string } {
  const clients = [
    ...Array.from({ length: RECIPIENTS }, (_, i) => consentingClient(`C-${String(i + 1).padStart(4, '0')}`)),
    consentingClient('C-0901', { consentAt: null }),
    consentingClient('C-0902', { unsubscribedAt: new Date('2026-05-01T10:00:00Z') }),
  ];
  // Bare sheets: restoring them per k is quick.
  const studio = mailStudio({ quota: 1000, clients, setup: false });
  studio.emu.accounts.add(SECOND);
  studio.emu.properties.seed('script', { 'crm.sendingAccount': STAFF_EMAIL });
  if (withForms) studio.app.run('createForms', [], { kind: 'menu', as: STAFF_EMAIL });
  createCampaignFor(studio, { name: 'Exactly once' });
  return {
    studio,
    registration: formIds(studio.emu).registration,
    eligible: clients
      .slice(0, RECIPIENTS)
      .map((client) => String(client.email))
      .sort(),
  };
}

function status(studio: MailStudio): string {
  return String(studio.rows('campaigns').find((row) => row.id === 'K-0001')?.status ?? '');
}

/** The sending account's press, as the sidebar makes it: with the count confirmed (RECIPIENTS on the fresh world). */
function press(studio: MailStudio, confirmed = RECIPIENTS): void {
  studio.app.run('sendCampaign', ['K-0001', confirmed], { kind: 'client', as: STAFF_EMAIL });
}

/** What follows a broken press: staff press again if it never started; the sending account's continueCampaigns runs. */
function resume(studio: MailStudio): void {
  // Staff confirm again first: a killed press may have queued some rows, so the count is not the fresh one.
  if (status(studio) === 'Черновик') press(studio, confirmedCount(studio, 'K-0001'));
  for (let run = 0; run < 3 && status(studio) !== DONE; run += 1)
    studio.app.run('continueCampaigns', [], { kind: 'trigger', as: STAFF_EMAIL });
}

/** A client who registers mid-run: in the list when she registered before it was decided, else not; once at most. */
const LATECOMER = 'vera@example.com';

/** What went wrong at this k, or null: duplicates, losses, mail from the wrong mailbox, drafts left. */
function finding(studio: MailStudio, eligible: readonly string[], k: number): string | null {
  const mailed = [...studio.mailedTo()].sort();
  const problems: string[] = [];
  const counts = new Map<string, number>();
  for (const email of mailed) counts.set(email, (counts.get(email) ?? 0) + 1);
  const duplicates = [...counts].filter(([, n]) => n > 1).map(([email]) => email);
  const lost = eligible.filter((email) => !counts.has(email));
  const strangers = mailed.filter((email) => !eligible.includes(email) && email !== LATECOMER);
  if (duplicates.length > 0) problems.push(`duplicates ${duplicates.join(',')}`);
  if (lost.length > 0) problems.push(`${lost.length} lost`);
  if (strangers.length > 0) problems.push(`mailed ${strangers.join(',')}`);
  const wrongMailbox = studio.emu.mail.outbox.filter((mail) => mail.account !== STAFF_EMAIL).length;
  if (wrongMailbox > 0) problems.push(`${wrongMailbox} sent from another mailbox`);
  const drafts = [STAFF_EMAIL, SECOND].flatMap((account) =>
    studio.emu.mail.drafts(account).filter((draft) => draft.to.trim() !== ''),
  );
  if (drafts.length > 0) problems.push(`${drafts.length} drafts left`);
  const sent = studio.sendsOf('K-0001').filter((row) => row.status === 'Отправлено').length;
  if (sent !== RECIPIENTS + (counts.has(LATECOMER) ? 1 : 0)) problems.push(`${sent} rows sent`);
  if (status(studio) !== DONE) problems.push(`status ${status(studio)}`);
  return problems.length > 0 ? `k=${k}: ${problems.join('; ')}` : null;
}

/**
 * A press may be refused in words: the database is busy with the other press (try again in a minute), or the
 * campaign already went out in full (a done campaign is not sent again). Anything else is a finding.
 */
function honestRefusal(error: unknown): boolean {
  const text = String(error);
  return (
    text.includes(translate('ru', 'error.busy')) ||
    // The status words staff see, as the Campaigns sheet writes them.
    text.includes(translate('ru', 'campaigns.transition.refused', { from: 'Завершена', to: 'Отправляется' })) ||
    // The other press (or the owner's trigger) finished the campaign first: a finished one is not sent again.
    text.includes(translate('ru', 'campaigns.state.finished')) ||
    // The other press queued the campaign, or a client registered, since this one was confirmed: confirm again.
    text.includes(translate('ru', 'campaigns.confirm.changed', { confirmed: '', count: '' }).split(':')[0] ?? '')
  );
}

describe('exactly once, swept', () => {
  it('the press killed after every call count k, then the next runs: 0 duplicates, 0 losses, 0 stray drafts', () => {
    const { studio, eligible } = world();
    const { emu } = studio;
    const start = emu.toJSON();
    emu.rt.resetCounts();
    press(studio);
    const callsOfFullRun = emu.rt.total();
    expect(finding(studio, eligible, -1)).toBeNull();
    // The Gmail floor per mail: createDraft, its id, the send; no getDraft after createDraft.
    expect(emu.rt.total('GmailApp.') + emu.rt.total('GmailDraft.')).toBe(3 * RECIPIENTS);
    expect(emu.rt.counts.get('GmailApp.getDraft') ?? 0).toBe(0);
    const failures: string[] = [];
    for (let k = 0; k <= callsOfFullRun; k += 1) {
      emu.restore(start);
      emu.rt.killExecutionsAfter(k);
      try {
        press(studio);
      } catch (error) {
        if (!/Exceeded maximum execution time/.test(String(error))) failures.push(`k=${k}: ${String(error)}`);
      }
      emu.rt.killExecutionsAfter(null);
      resume(studio);
      const found = finding(studio, eligible, k);
      if (found) failures.push(found);
    }
    expect(failures).toEqual([]);
    expect(callsOfFullRun).toBeGreaterThan(5 * RECIPIENTS);
  }, 300_000);

  it('at every call count k, a second staff account presses Send, a duplicate trigger fires and a client registers: each mail once, from the owner', () => {
    const { studio, eligible, registration } = world(true);
    expect(registration).not.toBe('');
    const { emu, app } = studio;
    const start = emu.toJSON();
    const failures: string[] = [];
    let latecomerMailed = 0;
    let k = 0;
    for (; ; k += 1) {
      emu.restore(start);
      const handle = emu.rt.interleaveAt(k, () => {
        try {
          app.run('sendCampaign', ['K-0001', RECIPIENTS], { kind: 'client', as: SECOND });
        } catch (error) {
          if (!honestRefusal(error)) failures.push(`k=${k}: the second press failed with ${String(error)}`);
        }
        app.run('continueCampaigns', [], { kind: 'trigger', as: STAFF_EMAIL });
        // A registration mid-run: its own execution writes Clients while the campaign sends.
        emu.forms.submit(registration, {
          Имя: 'Вера',
          'Электронная почта': 'vera@example.com',
          Согласие: [translate('ru', 'forms.consentText.default')],
        });
      });
      try {
        press(studio);
      } catch (error) {
        if (!honestRefusal(error)) failures.push(`k=${k}: the press failed with ${String(error)}`);
      }
      emu.rt.clearFaults();
      if (!handle.fired) break;
      resume(studio);
      if (studio.mailedTo().includes(LATECOMER)) latecomerMailed += 1;
      const found = finding(studio, eligible, k);
      if (found) failures.push(found);
    }
    expect(failures).toEqual([]);
    expect(k).toBeGreaterThan(5 * RECIPIENTS);
    // The registration really lands: before the list is decided she is in it, after that she waits for the next.
    expect(latecomerMailed).toBeGreaterThan(0);
    expect(latecomerMailed).toBeLessThan(k);
  }, 300_000);
});
