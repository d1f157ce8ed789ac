// Answers that find the database busy wait in the queue, one script property each, and are all recorded in
// arrival order, also when the run recording them is cut off after any number of calls.
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../local/emulator';
import type { BundleApp } from '../../local/emulator/bundle';
import { formIds, freshStudio } from '../support/studio';

const ANSWERS = 30;
const QUEUE_PREFIX = 'crm.intake.q.';

const emailOf = (index: number) => `client${String(index + 1).padStart(2, '0')}@example.com`;

function consentText(emu: Emulator): string {
  return String(emu.spreadsheet.values('Настройки').find((row) => row[0] === 'forms.consentText')?.[1]);
}

function clientEmails(emu: Emulator): string[] {
  const rows = emu.spreadsheet.values('Клиенты');
  const email = rows[0]?.indexOf('Email') ?? -1;
  return rows
    .slice(1)
    .filter((row) => row[0] !== '')
    .map((row) => String(row[email]));
}

function clientIds(emu: Emulator): string[] {
  return emu.spreadsheet
    .values('Клиенты')
    .slice(1)
    .filter((row) => row[0] !== '')
    .map((row) => String(row[0]));
}

const queued = (emu: Emulator) => Object.keys(emu.properties.script()).filter((key) => key.startsWith(QUEUE_PREFIX));

/** A studio where 30 registrations arrived while another execution held the database lock. */
function studioWithWaitingAnswers(): { emu: Emulator; app: BundleApp } {
  const { emu, app } = freshStudio('ru');
  app.run('setupDatabase', [], { kind: 'menu' });
  app.run('createForms', [], { kind: 'menu' });
  const registration = formIds(emu).registration;
  const consent = consentText(emu);
  let submitted = false;
  // A staff press holding the document lock; the answers arrive while it holds it.
  for (let k = 0; !submitted; k++) {
    const interleave = emu.rt.interleaveAt(k, () => {
      if (!Object.keys(emu.locks.held()).some((name) => name.startsWith('document:'))) return;
      submitted = true;
      for (let index = 0; index < ANSWERS; index++)
        emu.forms.submit(registration, {
          Имя: `Клиент ${index + 1}`,
          'Электронная почта': emailOf(index),
          Согласие: [consent],
        });
    });
    app.run('refreshProblems', [], { kind: 'menu' });
    if (!interleave.fired) throw new Error('refreshProblems never held the document lock');
    emu.rt.clearFaults();
  }
  return { emu, app };
}

const expectedEmails = Array.from({ length: ANSWERS }, (_, index) => emailOf(index));
const expectedIds = Array.from({ length: ANSWERS }, (_, index) => `C-${String(index + 1).padStart(4, '0')}`);

describe('the intake queue', () => {
  it('keeps 30 answers that found the database busy, one property each, and records them all in order', () => {
    const { emu } = studioWithWaitingAnswers();
    expect(clientEmails(emu)).toEqual([]);
    expect(queued(emu)).toHaveLength(ANSWERS);
    expect(emu.properties.script()['intake.pending']).toBeUndefined();
    // The continuation a busy answer scheduled runs within a couple of minutes.
    emu.advance(2 * 60_000);
    expect(clientEmails(emu)).toEqual(expectedEmails);
    expect(clientIds(emu)).toEqual(expectedIds);
    expect(queued(emu)).toEqual([]);
  });

  it('a backlog run cut off after k calls, on a fresh copy of the queue for each k, then resumed: all recorded once, in order', () => {
    const { emu, app } = studioWithWaitingAnswers();
    const start = emu.toJSON();
    // One uncut run, to learn how many calls recording the whole queue takes.
    emu.rt.resetCounts();
    app.run('runIntakeBacklog', [], { kind: 'trigger' });
    const callsOfFullRun = emu.rt.total();
    expect(clientEmails(emu)).toEqual(expectedEmails);
    const perAnswer = Math.ceil(callsOfFullRun / ANSWERS);
    // Every call of the first answer (the run's start and each step of recording one) and of the last (the
    // queue's end), and every 13th call between: 13 is prime, so across the answers between the cuts fall on
    // ever other steps (88 calls an answer today: 369 cut points of 2,627), each on its own restored copy.
    const edge = perAnswer + 1;
    const ks = Array.from({ length: callsOfFullRun + 1 }, (_, k) => k).filter(
      (k) => k <= edge || k >= callsOfFullRun - edge || k % 13 === 0,
    );
    const failures: string[] = [];
    let cutRuns = 0;
    for (const k of ks) {
      emu.restore(start);
      emu.rt.killExecutionsAfter(k);
      try {
        app.run('runIntakeBacklog', [], { kind: 'trigger' });
      } catch (error) {
        if (!/Exceeded maximum execution time/.test(String(error)))
          failures.push(`k=${k}: the run failed with ${String(error)}`);
        cutRuns += 1;
      }
      emu.rt.clearFaults();
      // What the cut run recorded is the head of the queue, in order, and nothing it recorded is still queued.
      const recorded = clientEmails(emu);
      if (JSON.stringify(recorded) !== JSON.stringify(expectedEmails.slice(0, recorded.length)))
        failures.push(`k=${k}: the cut run recorded ${recorded.join(', ')}`);
      if (queued(emu).length < ANSWERS - recorded.length) failures.push(`k=${k}: ${queued(emu).length} left queued`);
      // The next run picks up where the cut one stopped.
      app.run('runIntakeBacklog', [], { kind: 'trigger' });
      const emails = clientEmails(emu);
      if (JSON.stringify(emails) !== JSON.stringify(expectedEmails))
        failures.push(`k=${k}: after resuming, ${emails.length} clients: ${emails.join(', ')}`);
      if (JSON.stringify(clientIds(emu)) !== JSON.stringify(expectedIds))
        failures.push(`k=${k}: after resuming, ids ${clientIds(emu).join(', ')}`);
      if (queued(emu).length > 0) failures.push(`k=${k}: ${queued(emu).length} still queued after resuming`);
    }
    expect(failures).toEqual([]);
    // Only k = callsOfFullRun lets the run finish; every other k cut it.
    expect(cutRuns).toBe(ks.length - 1);
    expect(ks.filter((k) => k <= edge)).toHaveLength(edge + 1);
  }, 600_000);
});
