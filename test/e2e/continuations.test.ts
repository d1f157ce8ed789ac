// Long work continues through one-off triggers. Google keeps a one-off trigger installed after it runs,
// so a campaign that needs several continuations must still get each one, and spent triggers must not
// pile up toward the 20-trigger limit.
import { describe, expect, it } from 'vitest';
import { consentingClient, mailStudio, confirmedCount, createCampaignFor } from '../support/mail-studio';
import type { CampaignProgress } from '../../src/contract/sidebar-api';

const MINUTE = 60_000;

describe('continuations', () => {
  it('a slow campaign finishes over several continuation triggers, with at most one spent trigger left', () => {
    const clients = Array.from({ length: 40 }, (_, i) => consentingClient(`C-${String(i + 1).padStart(4, '0')}`));
    const studio = mailStudio({ clients, setup: false });
    const { emu, call, mailedTo } = studio;
    createCampaignFor(studio, { name: 'Slow' });
    // Every Apps Script call takes 1.5 s of emulated time, so no run can send all 40 within its budget.
    emu.rt.callLatencyMs = 1_500;
    call('sendCampaign', 'K-0001', confirmedCount({ call }, 'K-0001'));
    expect(mailedTo().length).toBeLessThan(40);

    let continuationRuns = 0;
    for (let step = 0; step < 40 && mailedTo().length < 40; step += 1) {
      const runs = emu.advance(5 * MINUTE);
      continuationRuns += runs.filter((run) => run.handler === 'continueCampaigns').length;
      const oneOffs = emu.triggers.list().filter((trigger) => trigger.handler === 'continueCampaigns');
      expect(oneOffs.length).toBeLessThanOrEqual(1);
    }
    emu.rt.callLatencyMs = 0;
    expect(continuationRuns).toBeGreaterThanOrEqual(2);
    expect([...mailedTo()].sort()).toEqual(clients.map((client) => String(client.email)).sort());
    expect(call<CampaignProgress>('getCampaignProgress', 'K-0001').status).toBe('done');
    // Only the last spent one-off is left (no hourly trigger: this studio skipped setup).
    expect(emu.triggers.list().map((trigger) => [trigger.handler, trigger.eventType])).toEqual([
      ['continueCampaigns', 'CLOCK'],
    ]);
  });
});
