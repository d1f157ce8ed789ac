// Database benchmark: read all tables, setup second run, a registration upsert and an import, at
// 1,000 / 10,000 / 50,000 clients. Emulated calls must stay flat as clients grow.
// Every operation starts with "Database:" so `npm run bench -- database` runs them all.
import { createEmulator } from '../emulator';
import { loadBundle } from '../emulator/bundle';
import { generateDemoStudio } from '../playground/demo-studio';
import { writeStudio } from '../playground/seed';
import { countedStep, type BenchCase } from './harness';

const SIZES = [1_000, 10_000, 50_000];
const AS_OF = new Date('2026-11-24T09:00:00Z');

function studio(size: number) {
  const emu = createEmulator({ now: AS_OF.toISOString(), locale: 'ru' });
  const app = loadBundle(emu);
  app.run('setupDatabase', [], { kind: 'menu' });
  // A running studio has its signing secret (made once, by the first signed link): not a registration's cost.
  emu.properties.seed('script', { 'crm.hmacSecret': 'bench-secret' });
  const demo = generateDemoStudio({ clients: size, asOf: AS_OF });
  writeStudio(emu, demo, 'ru');
  app.run('setupDatabase', [], { kind: 'menu' });
  // The newest order: a feedback answer names an order a client just received.
  const orderId = demo.orders.reduce((latest, order) => (order.date > latest.date ? order : latest)).id;
  // A running studio's last issued ids (kept by every answer that made a row): the next answer checks the one
  // after by a search instead of reading the id column, as every answer after a studio's first does.
  const highest = (ids: readonly string[]) => ids.reduce((top, id) => (id > top ? id : top), '');
  emu.properties.seed('script', {
    'ids.last.clients': highest(demo.clients.map((client) => client.id)),
    'ids.last.feedback': highest(demo.feedback.map((answer) => answer.id)),
  });
  return { emu, app, orderId };
}

const counted = (emu: ReturnType<typeof studio>['emu'], run: () => void) => countedStep(emu, run);

export const cases: BenchCase[] = [
  {
    operation: 'Database: refresh Problems (read all tables)',
    sizes: SIZES,
    prepare(size) {
      const { emu, app } = studio(size);
      return counted(emu, () => app.callFromClient('refreshProblems'));
    },
  },
  {
    operation: 'Database: set up (second run)',
    sizes: SIZES,
    prepare(size) {
      const { emu, app } = studio(size);
      return counted(emu, () => app.run('setupDatabase', [], { kind: 'menu' }));
    },
  },
  {
    operation: 'Database: registration upsert (form submit)',
    sizes: SIZES,
    target: { seconds: 3, of: 'step' },
    prepare(size) {
      const { emu, app } = studio(size);
      app.run('createForms', [], { kind: 'menu' });
      const formId = (JSON.parse(emu.properties.script()['forms.registration'] ?? '{}') as { id: string }).id;
      const consent = String(emu.spreadsheet.values('Настройки').find((row) => row[0] === 'forms.consentText')?.[1]);
      return counted(emu, () =>
        emu.forms.submit(formId, { Имя: 'Новый', 'Электронная почта': 'new.client@example.com', Согласие: [consent] }),
      );
    },
  },
  {
    operation: 'Database: feedback answer (form submit)',
    sizes: SIZES,
    target: { seconds: 3, of: 'step' },
    prepare(size) {
      const { emu, app, orderId } = studio(size);
      app.run('createForms', [], { kind: 'menu' });
      const formId = (JSON.parse(emu.properties.script()['forms.feedback'] ?? '{}') as { id: string }).id;
      const answers = {
        'Номер заказа': orderId,
        'Оценка работы': '5',
        Комментарий: 'Спасибо',
        'Можно ли процитировать ваш отзыв?': 'Да',
      };
      return counted(emu, () => emu.forms.submit(formId, answers));
    },
  },
  {
    operation: 'Database: import 100 clients (CSV)',
    sizes: SIZES,
    prepare(size) {
      const { emu, app } = studio(size);
      const csv = [
        'Имя,Email,Город',
        ...Array.from({ length: 100 }, (_, i) => `Клиент ${i},imported.${i}@example.com,Казань`),
      ].join('\n');
      return counted(emu, () => app.callFromClient('importCsv', 'clients', csv));
    },
  },
];
