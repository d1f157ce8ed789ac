// The HMAC secret behind unsubscribe links and codes is made once, on first use. Two first uses at the
// same moment (two clicks on a fresh install) must end with one secret, or links signed with the
// other stop working.
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../local/emulator';
import { loadBuiltBundle } from '../support/built-bundle';

const SECRET = 'crm.hmacSecret';

describe('the signing secret', () => {
  it('is made once when two executions need it at the same moment', () => {
    const emu = createEmulator({ now: '2026-11-24T09:00:00Z', locale: 'ru' });
    const app = loadBuiltBundle(emu);
    let secretSeenByOther: string | undefined;
    let started = false;
    emu.rt.onCall = (call, execution) => {
      // The first execution is about to make the secret: a second one arrives and needs it too.
      if (started || execution?.cause !== 'doGet') return;
      if (call !== 'Lock.waitLock' && call !== 'Lock.tryLock' && call !== 'Utilities.getUuid') return;
      started = true;
      app.doGet({ action: 'unsubscribe', token: 'u1.second', hl: 'ru' });
      secretSeenByOther = emu.properties.script()[SECRET];
    };
    app.doGet({ action: 'unsubscribe', token: 'u1.first', hl: 'ru' });
    emu.rt.onCall = null;
    expect(started).toBe(true);
    expect(secretSeenByOther).toMatch(/.{32,}/);
    expect(emu.properties.script()[SECRET]).toBe(secretSeenByOther);
  });
});
