// Concurrency as Google documents it. Class Lock, releaseLock(): "call SpreadsheetApp.flush() prior to releasing
// the lock, to commit all pending changes to the spreadsheet while you still have exclusive access to it" — so
// another execution reads the old values until then. Class Lock: hasLock() is true only when this object
// acquired the lock; a lock is held by one execution and released when it ends; tryLock(timeout) gives up after
// the timeout, waitLock throws "Lock timeout".
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../local/emulator';
import { loadBundleSource } from '../../local/emulator/bundle';

const SCRIPT = `
function sheet() { return SpreadsheetApp.getActive().getSheets()[0]; }
function write(a1, value) { sheet().getRange(a1).setValue(value); }
function read(a1) { return sheet().getRange(a1).getValue(); }
function writeThenRead(a1, value) { write(a1, value); return read(a1); }
function writeWriteFlushWrite() {
  write('A1', 'first');
  write('A2', 'second');
  SpreadsheetApp.flush();
  write('A3', 'third');
  write('A4', 'fourth');
}
function appendTwo() { sheet().appendRow(['x']); sheet().appendRow(['y']); }
function readA1() { return read('A1'); }
function lockAndWrite() {
  var lock = LockService.getScriptLock();
  lock.waitLock(1000);
  write('B1', 'locked write');
  write('B2', 'second locked write');
  lock.releaseLock();
}
function tryScriptLock() { return LockService.getScriptLock().tryLock(5000); }
function waitScriptLock() { LockService.getScriptLock().waitLock(3000); return 'got it'; }
function tryDocumentLock() { return LockService.getDocumentLock().tryLock(0); }
function lockObjects() {
  var first = LockService.getDocumentLock();
  var never = LockService.getDocumentLock();
  var before = never.hasLock();
  first.waitLock(100);
  var fresh = LockService.getDocumentLock();
  return { before: before, first: first.hasLock(), fresh: fresh.hasLock(), script: LockService.getScriptLock().hasLock() };
}
function holdDocumentLock() { LockService.getDocumentLock().waitLock(100); }
`;

function load() {
  const emu = createEmulator({ now: '2026-11-24T09:00:00Z', locale: 'en' });
  const app = loadBundleSource(emu, SCRIPT);
  const sheet = emu.spreadsheet.activeSheetName();
  return { emu, app, sheet };
}

describe('buffered writes', () => {
  it('an execution reads its own writes at once', () => {
    const { app } = load();
    expect(app.run('writeThenRead', ['A1', 'mine'])).toBe('mine');
  });

  it('commits at the end of the execution: the host then sees them', () => {
    const { emu, app, sheet } = load();
    app.run('write', ['A1', 'done']);
    expect(emu.spreadsheet.values(sheet)).toEqual([['done']]);
  });

  it('a second execution started mid-way sees only what was flushed', () => {
    const { emu, app } = load();
    const seen: unknown[] = [];
    // writeWriteFlushWrite's calls: each write is getActive, getSheets, getRange, setValue (4 calls); flush is 1.
    // After 12 calls: A1, A2 written, flushed, and A3 written (unflushed).
    const interleave = emu.rt.interleaveAt(13, () => {
      for (const a1 of ['A1', 'A2', 'A3']) seen.push(app.run('read', [a1]));
    });
    app.run('writeWriteFlushWrite');
    expect(interleave.fired).toBe(true);
    expect(seen).toEqual(['first', 'second', '']);
  });

  it('the host sees the committed state during an execution and the pending one through executionView', () => {
    const { emu, app, sheet } = load();
    const views: unknown[] = [];
    emu.rt.interleaveAt(4, () => {
      views.push(emu.spreadsheet.values(sheet));
      views.push(emu.spreadsheet.pendingCells().map((p) => [p.sheet, p.row, p.column, p.cell?.v]));
    });
    app.run('appendTwo');
    expect(views).toEqual([[], [[sheet, 1, 1, 'x']]]);
    expect(emu.spreadsheet.values(sheet)).toEqual([['x'], ['y']]);
    expect(emu.spreadsheet.pendingCells()).toEqual([]);
  });

  it("keeps the first execution's pending writes over what the second committed", () => {
    const { emu, app, sheet } = load();
    // After A1 is written (4 calls) the second execution writes C1 and ends (committed); the first reads A1 back.
    emu.rt.interleaveAt(4, () => app.run('write', ['C1', 'other']));
    expect(app.run('writeThenRead', ['A1', 'x'])).toBe('x');
    emu.rt.interleaveAt(4, () => app.run('write', ['C2', 'second']));
    app.run('appendTwo');
    const values = emu.spreadsheet.values(sheet);
    expect(values[0]?.[0]).toBe('x');
    expect(values[0]?.[2]).toBe('other');
    expect(values[1]?.[2]).toBe('second');
  });

  it("loses a killed execution's unflushed writes and keeps the flushed ones", () => {
    const { emu, app, sheet } = load();
    emu.rt.killExecutionsAfter(14);
    expect(() => app.run('writeWriteFlushWrite')).toThrow('Exceeded maximum execution time');
    emu.rt.killExecutionsAfter(null);
    expect(emu.spreadsheet.values(sheet)).toEqual([['first'], ['second']]);
  });

  it("undoes a killed execution's pending row insert, appended rows and far cell writes alike", () => {
    const { emu, sheet } = load();
    const app = loadBundleSource(
      emu,
      `${SCRIPT}\nfunction reshape() { var s = sheet(); s.insertRowsBefore(1, 2); s.appendRow(['appended']); s.getRange('C500').setValue('far'); s.deleteRow(1); write('A1', 'last'); }`,
    );
    app.run('write', ['A1', 'kept']);
    app.run('write', ['A2', 'also kept']);
    const committed = emu.spreadsheet.values(sheet);
    const size = emu.spreadsheet.size(sheet);
    // reshape makes 11 calls: killing after 1…10 cuts it before its end.
    for (let k = 1; k <= 10; k += 1) {
      emu.rt.killExecutionsAfter(k);
      expect(() => app.run('reshape')).toThrow('Exceeded maximum execution time');
      emu.rt.killExecutionsAfter(null);
      expect(emu.spreadsheet.values(sheet)).toEqual(committed);
      expect(emu.spreadsheet.size(sheet)).toEqual(size);
    }
    app.run('reshape');
    expect(emu.spreadsheet.values(sheet)[0]?.[0]).toBe('last');
  });

  it('keeps the writes of an execution that ends with an error (it was not killed)', () => {
    const { emu, sheet } = load();
    const app = loadBundleSource(
      emu,
      `${SCRIPT}\nfunction writeAndFail() { write('A1', 'kept'); throw new Error('boom'); }`,
    );
    expect(() => app.run('writeAndFail')).toThrow('boom');
    expect(emu.spreadsheet.values(sheet)).toEqual([['kept']]);
  });

  it('sweeps: at every call index a second execution reads A1 as committed: blank before the end', () => {
    const results: unknown[] = [];
    for (let k = 0; ; k += 1) {
      const { emu, app } = load();
      const handle = emu.rt.interleaveAt(k, () => results.push(app.run('readA1')));
      app.run('writeWriteFlushWrite');
      if (!handle.fired) break;
    }
    // 4 calls write A1, 4 write A2, then flush at call index 8: until flush has run nobody sees 'first'.
    expect(results.slice(0, 9)).toEqual(Array(9).fill(''));
    expect(results.slice(9)).toEqual(Array(results.length - 9).fill('first'));
    expect(results.length).toBe(17);
  });
});

describe('locks shared between interleaved executions', () => {
  it("a lock held by the first makes the second's tryLock fail after its timeout and waitLock throw", () => {
    const { emu, app } = load();
    const answers: unknown[] = [];
    emu.rt.interleaveAt(3, () => {
      const before = emu.clock.now();
      answers.push(app.run('tryScriptLock'));
      answers.push(emu.clock.now() - before);
      try {
        app.run('waitScriptLock');
        answers.push('no error');
      } catch (error) {
        answers.push((error as Error).message);
      }
      answers.push(app.run('tryDocumentLock'));
    });
    app.run('lockAndWrite');
    expect(answers).toEqual([false, 5000, 'Lock timeout: another process was holding the lock for too long.', true]);
    expect(app.run('tryScriptLock')).toBe(true);
  });

  it("the second execution does not see writes made under the first one's lock before it flushes", () => {
    const { emu } = load();
    const seen: unknown[] = [];
    const app = loadBundleSource(emu, `${SCRIPT}\nfunction readB1() { return read('B1'); }`);
    // lockAndWrite: getScriptLock, waitLock, then B1's write (4 calls): after 6 calls B1 is written, unflushed.
    emu.rt.interleaveAt(7, () => seen.push(app.run('readB1')));
    app.run('lockAndWrite');
    expect(seen).toEqual(['']);
  });

  it('a lock object that never locked has no lock; a fresh getDocumentLock does not know the earlier one', () => {
    const { app } = load();
    expect(app.run('lockObjects')).toEqual({ before: false, first: true, fresh: false, script: false });
  });

  it('releases every lock when its execution ends', () => {
    const { emu, app } = load();
    app.run('holdDocumentLock');
    expect(emu.locks.held()).toEqual({});
    expect(app.run('tryDocumentLock')).toBe(true);
  });
});
