// The hourly run with the inbox step on a mailbox that has years of mail: 10,000 old messages already read
// (the stored position an hour back) and 40 new ones this hour (client mail, replies, delivery notices).
// The step reads only the new hour's window, so the cost should not grow with the mailbox.
import { countedStep, type BenchCase } from './harness';
import { studioWorld } from './studio';

const HOUR = 3_600_000;
const NEW_MESSAGES = 40;

function inboxWorld(mailbox: number) {
  const world = studioWorld(200, { nightly: false });
  const { emu } = world;
  const now = emu.rt.clock.now();
  const clients = world.studio.clients.map((client) => client.email).filter((email) => email !== '');
  // Old mail, spread over the last three years, all before the position.
  for (let i = 0; i < mailbox; i += 1)
    emu.mail.receive({
      from: clients[i % clients.length] ?? `someone${i}@example.com`,
      subject: `Old message ${i}`,
      body: 'x',
      at: now - 2 * HOUR - Math.floor((i / mailbox) * 3 * 365 * 24 * HOUR),
    });
  for (let i = 0; i < NEW_MESSAGES; i += 1)
    emu.mail.receive({
      from: i % 4 === 0 ? 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>' : (clients[i] ?? 'x@example.com'),
      subject: i % 4 === 0 ? 'Delivery Status Notification (Failure)' : `Question ${i}`,
      body: 'x',
      at: now - HOUR + (i + 1) * 60_000,
    });
  emu.properties.seed('script', { 'crm.inbox.position': String(now - HOUR) });
  const step = countedStep(
    emu,
    () => world.app.run('runHourly', [], { kind: 'trigger' }),
    `${mailbox.toLocaleString('en')} msgs + ${NEW_MESSAGES} new`,
  );
  // Gmail's daily read quota counts calls: this run's, and a day of 24 such runs.
  const gmailCalls = () =>
    ['GmailApp.', 'GmailThread.', 'GmailMessage.', 'GmailLabel.'].reduce((n, prefix) => n + emu.rt.total(prefix), 0);
  return { ...step, note: () => `Gmail calls ${gmailCalls()} (a day of hourly runs: ${gmailCalls() * 24})` };
}

export const cases: BenchCase[] = [
  {
    operation: 'Hourly run with the inbox step (200 clients)',
    sizes: [1_000, 10_000],
    target: { seconds: 30, of: 'step' },
    prepare: inboxWorld,
  },
];
