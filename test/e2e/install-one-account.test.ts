// Two staff accounts press Setup and Create forms: the studio's triggers exist once, all owned by the first
// account (the sending account); the second is told who owns them and can take them over.
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../local/emulator';
import { loadBuiltBundle } from '../support/built-bundle';
import { NOW } from '../support/studio';
import type { Locale } from '../../src/domain/types';

const OWNER = 'owner@studio.test';
const OTHER = 'b@studio.test';

function twoAccountStudio(locale: Locale) {
  const emu = createEmulator({ now: NOW, locale, accounts: [OWNER, OTHER] });
  const app = loadBuiltBundle(emu);
  return { emu, app };
}

/** Each installed trigger as "handler owner" (form-submit ones with their form), sorted. */
function triggerTable(emu: ReturnType<typeof createEmulator>): string[] {
  return emu.triggers
    .list()
    .filter((trigger) => !emu.triggers.isSpent(trigger.uid))
    .map((trigger) => `${trigger.handler} ${trigger.eventType} ${trigger.owner}`)
    .sort();
}

const lastToast = (emu: ReturnType<typeof createEmulator>) => JSON.stringify(emu.spreadsheet.ui.toasts().at(-1));

describe('one sending account installs every trigger once', () => {
  it.each(['ru', 'en'] as const)('two accounts pressing Setup and Create forms, in either order (%s)', (locale) => {
    const { emu, app } = twoAccountStudio(locale);
    app.run('setupDatabase', [], { kind: 'menu', as: OWNER });
    app.run('setupDatabase', [], { kind: 'menu', as: OTHER });
    app.run('createForms', [], { kind: 'menu', as: OTHER });
    // The second account is told, in its language, who owns the runs and what to do.
    expect(lastToast(emu)).toContain(OWNER);
    expect(lastToast(emu)).toMatch(
      locale === 'ru' ? /Сделать меня отправляющим аккаунтом/ : /Make me the sending account/,
    );
    app.run('createForms', [], { kind: 'menu', as: OWNER });
    app.run('setupDatabase', [], { kind: 'menu', as: OTHER });
    app.run('createForms', [], { kind: 'menu', as: OWNER });
    // Hourly, nightly, every-10-minutes and one form-submit per form, each once, all the owner's.
    expect(triggerTable(emu)).toEqual(
      [
        `continueCampaigns CLOCK ${OWNER}`,
        `onFormResponse ON_FORM_SUBMIT ${OWNER}`,
        `onFormResponse ON_FORM_SUBMIT ${OWNER}`,
        `runHourly CLOCK ${OWNER}`,
        `runNightly CLOCK ${OWNER}`,
      ].sort(),
    );
    const formSources = emu.triggers
      .list()
      .filter((trigger) => trigger.eventType === 'ON_FORM_SUBMIT')
      .map((trigger) => trigger.sourceId);
    expect(new Set(formSources).size).toBe(2);
    expect(emu.properties.script()['crm.sendingAccount']).toBe(OWNER);
  });

  it('the second account pressing first still leaves the first presser as the only owner', () => {
    const { emu, app } = twoAccountStudio('en');
    app.run('setupDatabase', [], { kind: 'menu', as: OTHER });
    app.run('createForms', [], { kind: 'menu', as: OTHER });
    app.run('setupDatabase', [], { kind: 'menu', as: OWNER });
    app.run('createForms', [], { kind: 'menu', as: OWNER });
    expect(new Set(emu.triggers.list().map((trigger) => trigger.owner))).toEqual(new Set([OTHER]));
    expect(triggerTable(emu)).toHaveLength(5);
    expect(lastToast(emu)).toContain(OTHER);
  });

  it('hand-over: the new owner installs; the old owner’s triggers stop themselves at their next run', () => {
    const { emu, app } = twoAccountStudio('en');
    app.run('setupDatabase', [], { kind: 'menu', as: OWNER });
    app.run('createForms', [], { kind: 'menu', as: OWNER });
    const message = app.run('becomeSendingAccount', [], { kind: 'menu', as: OTHER }) as string;
    // Honest about what Google allows: only the old owner can delete its triggers.
    expect(message).toContain(OWNER);
    expect(message).toMatch(/only owner@studio\.test/);
    expect(emu.properties.script()['crm.sendingAccount']).toBe(OTHER);
    expect(triggerTable(emu).filter((row) => row.endsWith(OTHER))).toHaveLength(5);
    expect(triggerTable(emu).filter((row) => row.endsWith(OWNER))).toHaveLength(5);
    // The next hour: the old owner's hourly (and its 10-minute) runs find they are not the sending account.
    emu.advance(3600_000);
    expect(triggerTable(emu).filter((row) => row.endsWith(OWNER))).toEqual([]);
    expect(triggerTable(emu).filter((row) => row.endsWith(OTHER))).toHaveLength(5);
    // The register Check installation reads names only the new owner's triggers now.
    const register = JSON.parse(emu.properties.script()['crm.triggers'] ?? '[]') as { owner: string }[];
    expect(new Set(register.map((entry) => entry.owner))).toEqual(new Set([OTHER]));
  });

  it('the old owner pressing Setup after a hand-over removes its own triggers at once', () => {
    const { emu, app } = twoAccountStudio('ru');
    app.run('setupDatabase', [], { kind: 'menu', as: OWNER });
    app.run('becomeSendingAccount', [], { kind: 'menu', as: OTHER });
    app.run('setupDatabase', [], { kind: 'menu', as: OWNER });
    expect(triggerTable(emu)).toEqual(
      [`continueCampaigns CLOCK ${OTHER}`, `runHourly CLOCK ${OTHER}`, `runNightly CLOCK ${OTHER}`].sort(),
    );
  });
});
