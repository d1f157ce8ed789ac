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

  it('backlog runs cut off after every call count k in turn: all recorded once, in order', () => {
    const { emu, app } = studioWithWaitingAnswers();
    // One uncut run on a copy, to learn how many calls recording one answer takes.
    const start = emu.toJSON();
    const calls: string[] = [];
    emu.rt.onCall = (call) => void calls.push(call);
    app.run('runIntakeBacklog', [], { kind: 'trigger' });
    emu.rt.onCall = null;
    const perAnswer = Math.ceil(calls.length / ANSWERS);
    emu.restore(start);
    // Run after run, each cut after k calls (k = 0, 1, 2, … until the queue is empty): cuts fall at every step
    // of the answer at the head of the queue, with what earlier cut runs left behind.
    let cutRuns = 0;
    for (let k = 0; queued(emu).length > 0; k++) {
      emu.rt.killExecutionsAfter(k);
      let cut = false;
      try {
        app.run('runIntakeBacklog', [], { kind: 'trigger' });
      } catch {
        cut = true;
      }
      emu.rt.clearFaults();
      if (cut) cutRuns += 1;
      const recorded = clientEmails(emu);
      expect(recorded, `cut at ${k}`).toEqual(expectedEmails.slice(0, recorded.length));
      expect(queued(emu).length, `cut at ${k}`).toBeGreaterThanOrEqual(ANSWERS - recorded.length);
    }
    // More cut runs than one answer takes calls: every step of recording an answer was cut at least once.
    expect(cutRuns).toBeGreaterThan(perAnswer);
    app.run('runIntakeBacklog', [], { kind: 'trigger' });
    expect(clientEmails(emu)).toEqual(expectedEmails);
    expect(clientIds(emu)).toEqual(expectedIds);
    expect(queued(emu)).toEqual([]);
  }, 120_000);
});
