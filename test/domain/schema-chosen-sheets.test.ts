// The client and order lists may live on tabs the studio named itself, chosen in Settings.
import { describe, expect, it } from 'vitest';
import { chosenSheetNames, findSheetName, planMigration } from '../../src/domain/schema';

describe('chosen sheet names', () => {
  it('reads sheets.clients and sheets.orders, trimmed; blank or other keys choose nothing', () => {
    expect(
      chosenSheetNames([
        { key: 'sheets.clients', value: '  Клиенты 2025 ' },
        { key: 'sheets.orders', value: '' },
        { key: 'sheets.campaigns', value: 'Mine' },
        { key: 'core.studioName', value: 'Cat' },
      ]),
    ).toEqual({ clients: 'Клиенты 2025' });
  });

  it('prefers the chosen tab when it exists, else finds the sheet as before', () => {
    const tabs = ['Клиенты', 'Клиенты 2025', 'Заказы'];
    expect(findSheetName('clients', tabs, 'Клиенты 2025')).toBe('Клиенты 2025');
    // A chosen tab that was renamed away: the add-on's own name still finds the list.
    expect(findSheetName('clients', tabs, 'Клиенты 2024')).toBe('Клиенты');
    expect(findSheetName('orders', tabs)).toBe('Заказы');
  });

  it('plans setup over the chosen tab: its missing columns appended, no new Clients sheet', () => {
    const shape = {
      locale: 'ru' as const,
      sheets: [{ name: 'Клиенты 2025', headers: ['Имя', 'E-mail'], frozenRows: 1 }],
    };
    const plan = planMigration(shape, { sheetNames: { clients: 'Клиенты 2025' } });
    const forClients = plan.steps.filter((step) => 'sheet' in step && step.sheet === 'clients');
    expect(forClients.map((step) => [step.kind, 'name' in step ? step.name : ''])).toEqual([
      ['appendColumns', 'Клиенты 2025'],
    ]);
  });
});
