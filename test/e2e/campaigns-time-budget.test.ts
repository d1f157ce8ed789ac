// The time budget: with slow Apps Script calls, a run stops starting mails well before the 6-minute
// limit and triggers carry the campaign to the end. No execution is ever killed by the limit.
import { describe, expect, it } from 'vitest';
import {
  campaignStatus,
  consentingClients,
  createCampaignFor,
  mailStudio,
  confirmedCount,
} from '../support/mail-studio';

const MINUTE = 60_000;

describe('time budget', () => {
  // At 2,000 ms a call a run's fixed reads take most of its six minutes: it sends up to its end (keeping time
  // for its closing writes), reads no loyalty sheet the template does not use, and the hourly run leaves
  // sending to the continuation, so 70 mails fit in a consumer account's 90 minutes of trigger time a day.
  it.each([1_000, 2_000])(
    'with %i ms per call no run is killed and the campaign finishes through triggers',
    (latencyMs) => {
      const clients = consentingClients(70);
      // Set up by the add-on: the hourly step runs alongside the continuations, as in production.
      const studio = mailStudio({ clients, quota: 500 });
      const { emu } = studio;
      const id = createCampaignFor(studio, { name: 'Slow Gmail' });
      const confirmed = confirmedCount(studio, id); // before Gmail slows down: 70 consenting clients
      emu.rt.callLatencyMs = latencyMs;
      studio.call('sendCampaign', id, confirmed);
      for (let step = 0; step < 60 && campaignStatus(studio, id) !== 'done'; step += 1) emu.advance(5 * MINUTE);
      emu.advance(2 * 60 * MINUTE); // a couple of hourly steps more, with nothing left to send
      emu.rt.callLatencyMs = 0;

      const errors = emu.triggerRuns.filter((run) => run.error).map((run) => `${run.handler}: ${String(run.error)}`);
      expect(errors).toEqual([]); // none killed by the six-minute limit, none skipped for the day's run time
      expect(campaignStatus(studio, id)).toBe('done');
      expect([...studio.mailedTo()].sort()).toEqual(clients.map((client) => String(client.email)).sort());
      // It did need several runs: one run could not have sent them all.
      const runs = emu.triggerRuns.filter((run) => run.handler === 'continueCampaigns' || run.handler === 'runHourly');
      expect(runs.length).toBeGreaterThanOrEqual(2);
    },
  );
});
