import { describe, expect, it } from 'vitest';
import {
  SCHEMA,
  findSheetName,
  mapHeaders,
  normaliseHeader,
  parseRows,
  planMigration,
  renamesFromSettings,
  sheetKeyForName,
  sheetSpec,
  type MigrationStep,
  type WorkbookShape,
} from '../../src/domain/schema';
import { translate } from '../../src/i18n';

const clients = sheetSpec('clients');
const orders = sheetSpec('orders');

describe('schema', () => {
  it.each(SCHEMA.map((sheet) => [sheet.key, sheet] as const))(
    '%s has unique keys and headers, identity columns and enum lists',
    (_key, sheet) => {
      const keys = sheet.columns.map((column) => column.key);
      expect(new Set(keys).size).toBe(keys.length);
      for (const locale of ['en', 'ru'] as const) {
        const headers = sheet.columns.map((column) => normaliseHeader(translate(locale, column.header)));
        expect(new Set(headers).size).toBe(headers.length);
      }
      for (const key of sheet.identity) expect(keys).toContain(key);
      for (const column of sheet.columns) if (column.type === 'enum') expect(column.enumKey).toBeDefined();
    },
  );

  it('keeps the derived analysis columns of Clients marked derived', () => {
    const derived = clients.columns.filter((column) => column.derived).map((column) => column.key);
    expect(derived).toEqual([
      'pointsBalance',
      'tier',
      'tierSince',
      'lifecycle',
      'rfmSegment',
      'churnRisk',
      'predictedValue',
      'nextOrderExpected',
    ]);
  });

  it('finds a sheet by its name in either language', () => {
    expect(sheetKeyForName('Клиенты')).toBe('clients');
    expect(sheetKeyForName(' clients ')).toBe('clients');
    expect(sheetKeyForName('Промокоды')).toBe('discountCodes');
    expect(sheetKeyForName('Лист1')).toBeNull();
    expect(findSheetName('orders', ['Лист1', 'Заказы', 'Клиенты'])).toBe('Заказы');
  });
});

describe('mapHeaders', () => {
  it('maps reordered English headers regardless of case, spaces and punctuation', () => {
    const mapping = mapHeaders(orders, ['AMOUNT', 'order id', ' Date ', 'Client-ID', 'status'], { locale: 'en' });
    expect(mapping.indexes).toMatchObject({ amount: 0, id: 1, date: 2, clientId: 3, status: 4 });
    expect(mapping.missingRequired).toEqual([]);
    expect(mapping.missing).toContain('product');
    expect(mapping.headerLocale).toBe('en');
    expect(mapping.problems).toEqual([]);
  });

  it('maps Russian headers, aliases and keeps staff columns as extra', () => {
    const mapping = mapHeaders(
      clients,
      ['Имя', 'ID клиента', 'Эл. почта', 'Любимый смайл', 'Тематика канала', '', 'Телефон'],
      { locale: 'ru' },
    );
    expect(mapping.indexes).toMatchObject({ name: 0, id: 1, email: 2, topic: 4 });
    expect(mapping.extra).toEqual([
      { header: 'Любимый смайл', index: 3 },
      { header: 'Телефон', index: 6 },
    ]);
    expect(mapping.headerLocale).toBe('ru');
  });

  it('uses renames kept in Settings', () => {
    const renames = renamesFromSettings(
      [
        { key: 'header.clients.email', value: 'Куда писать | Контакт' },
        { key: 'header.orders.amount', value: 'x' },
        { key: 'studio.name', value: 'y' },
      ],
      'clients',
    );
    expect(renames).toEqual({ email: ['Куда писать', 'Контакт'] });
    const mapping = mapHeaders(clients, ['ID клиента', 'Контакт'], { locale: 'ru', renames });
    expect(mapping.indexes.email).toBe(1);
  });

  it('reports missing required columns in the user language', () => {
    const mapping = mapHeaders(orders, ['Date', 'Product'], { locale: 'ru' });
    expect(mapping.missingRequired).toEqual(['id', 'amount', 'status']);
    const messages = mapping.problems.map((problem) => translate('ru', problem.code, problem.params));
    expect(messages[0]).toBe('На листе «Заказы» нет столбца «ID заказа». Запустите настройку, чтобы добавить его.');
    expect(messages).toHaveLength(3);
  });

  it('uses the first of duplicate columns and reports the rest', () => {
    const mapping = mapHeaders(orders, ['Order ID', 'Amount', 'ID заказа', 'Date', 'Status'], { locale: 'en' });
    expect(mapping.indexes.id).toBe(0);
    expect(mapping.duplicates).toEqual([{ key: 'id', index: 2 }]);
    expect(mapping.problems.map((problem) => problem.code)).toEqual(['schema.duplicateColumn']);
  });

  it('does not let an alias take a column an exact header already has', () => {
    // "Email" is an alias of the Orders client email; with "Client email" present it is staff's own column.
    const mapping = mapHeaders(orders, ['Order ID', 'Client email', 'Email'], { locale: 'en' });
    expect(mapping.indexes.clientEmail).toBe(1);
    expect(mapping.extra).toEqual([{ header: 'Email', index: 2 }]);
  });
});

describe('parseRows', () => {
  const header = ['Order ID', 'Date', 'Amount', 'Status', 'Client email', 'My note'];
  const values: unknown[][] = [
    header,
    ['O-1', '24.11.2026', '1 200,50 ₽', 'Выполнен', 'Anna@Example.com', 'vip'],
    ['', '', '', '', '', ''],
    ['=== 2025 ===', '', '', '', '', ''], // a merged title row: text in the first cell only
    ['', '', '', '', '', 'just a note'],
    ['O-2', 'someday', '40', 'new', '', ''],
    ['O-3', '2026-11-24', 'сорок', 'new', 'not-an-email', ''],
    ['O-4', '2026-11-25', '10', 'new', 'bad@', ''],
  ];
  const spec = sheetSpec('orders');
  const mapping = mapHeaders(spec, header, { locale: 'ru' });
  const parsed = parseRows(spec, values, mapping, { locale: 'ru' });

  it('reads good rows typed, with staff columns passed through', () => {
    expect(parsed.rowNumbers).toEqual([2, 8]);
    expect(parsed.rows[0]?.values).toMatchObject({
      id: 'O-1',
      amount: 1200.5,
      status: 'completed',
      clientEmail: 'anna@example.com',
    });
    expect((parsed.rows[0]?.values.date as Date).getTime()).toBe(new Date(2026, 10, 24).getTime());
    expect(parsed.rows[0]?.extra).toEqual({ 'My note': 'vip' });
  });

  it('reports every bad cell with sheet, row, column, value and key', () => {
    const summary = parsed.problems.map((problem) => [problem.row, problem.column, problem.value, problem.code]);
    expect(summary).toEqual([
      [4, 'Order ID', '=== 2025 ===', 'cells.garbageRow'],
      [5, 'My note', 'just a note', 'cells.garbageRow'],
      [6, 'Date', 'someday', 'cells.notADate'],
      [7, 'Amount', 'сорок', 'cells.notANumber'],
      [7, 'Client email', 'not-an-email', 'cells.badEmail'],
      [8, 'Client email', 'bad@', 'cells.badEmail'],
    ]);
    expect(parsed.problems.every((problem) => problem.sheet === 'orders')).toBe(true);
  });

  it('keeps a row whose only bad cell is optional, with that cell blank', () => {
    expect(parsed.rows[1]?.values).toMatchObject({ id: 'O-4', amount: 10, clientEmail: '' });
  });

  it('reads no rows when a required column is missing', () => {
    const partial = mapHeaders(spec, ['Order ID', 'Date'], { locale: 'en' });
    expect(
      parseRows(
        spec,
        [
          ['Order ID', 'Date'],
          ['O-1', '2026-01-01'],
        ],
        partial,
        { locale: 'en' },
      ).rows,
    ).toEqual([]);
  });

  it('reports a blank required cell', () => {
    const result = parseRows(spec, [header, ['O-9', '', '5', 'new', '', '']], mapping, { locale: 'en' });
    expect(result.rows).toEqual([]);
    expect(result.problems.map((problem) => [problem.column, problem.code])).toEqual([['Date', 'cells.required']]);
  });
});

function shapeAfter(shape: WorkbookShape, steps: readonly MigrationStep[]): WorkbookShape {
  const sheets = shape.sheets.map((sheet) => ({ ...sheet, headers: [...sheet.headers] }));
  for (const step of steps) {
    if (step.kind === 'createSheet')
      sheets.push({ name: step.name, headers: step.columns.map((column) => column.header), frozenRows: 1 });
    const sheet = sheets.find((candidate) => candidate.name === step.name);
    if (!sheet) throw new Error(`no sheet ${step.name}`);
    if (step.kind === 'appendColumns')
      for (const column of step.columns) sheet.headers[column.position - 1] = column.header;
    if (step.kind === 'freezeHeader') sheet.frozenRows = 1;
  }
  return { ...shape, sheets };
}

describe('planMigration', () => {
  it('creates every sheet of an empty workbook in the spreadsheet language, then plans nothing', () => {
    const empty: WorkbookShape = { locale: 'ru', sheets: [{ name: 'Лист1', headers: [] }] };
    const plan = planMigration(empty);
    expect(plan.steps.map((step) => step.kind === 'createSheet' && step.name)).toEqual([
      'Клиенты',
      'Заказы',
      'Отзывы',
      'Обращения',
      'Баллы',
      'Сегменты',
      'Кампании',
      'Отправки',
      'Итоги отправок',
      'Шаблоны',
      'Промокоды',
      'Настройки',
      'Проблемы',
    ]);
    const created = plan.steps[0];
    expect(created?.kind === 'createSheet' && created.columns.slice(0, 2)).toEqual([
      { key: 'id', header: 'ID клиента', position: 1 },
      { key: 'name', header: 'Имя', position: 2 },
    ]);
    expect(planMigration(shapeAfter(empty, plan.steps)).steps).toEqual([]);
  });

  it('appends only missing columns after staff columns, in the sheet header language', () => {
    const shape: WorkbookShape = {
      locale: 'en', // the user's locale changed; the workbook was set up in Russian
      sheets: [
        { name: 'Заказы', headers: ['Сумма', 'ID заказа', 'Мой столбец', 'Дата', '', ''], frozenRows: 1 },
        { name: 'Клиенты', headers: ['ID клиента', 'Email'], frozenRows: 0 },
      ],
    };
    const plan = planMigration(shape);
    expect(plan.locale).toBe('ru');
    const orderStep = plan.steps.find((step) => step.sheet === 'orders');
    expect(orderStep?.kind).toBe('appendColumns');
    if (orderStep?.kind !== 'appendColumns') return;
    expect(orderStep.columns[0]).toEqual({ key: 'clientId', header: 'ID клиента', position: 5 });
    expect(orderStep.columns.map((column) => column.key)).not.toContain('amount');
    expect(orderStep.columns.find((column) => column.key === 'status')?.validation).toEqual({
      kind: 'list',
      enumKey: 'orderStatus',
    });
    expect(plan.steps).toContainEqual({ kind: 'freezeHeader', sheet: 'clients', name: 'Клиенты' });
    // New sheets follow the workbook's language, not the user's.
    expect(plan.steps).toContainEqual(expect.objectContaining({ kind: 'createSheet', name: 'Отзывы' }));

    const migrated = shapeAfter(shape, plan.steps);
    expect(migrated.sheets[0]?.headers.slice(0, 4)).toEqual(['Сумма', 'ID заказа', 'Мой столбец', 'Дата']);
    expect(planMigration(migrated).steps).toEqual([]);
  });

  it('leaves a renamed column alone when the rename is in Settings', () => {
    const shape: WorkbookShape = {
      locale: 'en',
      sheets: [{ name: 'Clients', headers: ['Client ID', 'Where to write'] }],
    };
    const without = planMigration(shape).steps.find((step) => step.sheet === 'clients');
    const withRename = planMigration(shape, { renames: { clients: { email: ['Where to write'] } } }).steps.find(
      (step) => step.sheet === 'clients',
    );
    expect(without?.kind === 'appendColumns' && without.columns.map((column) => column.key)).toContain('email');
    expect(withRename?.kind === 'appendColumns' && withRename.columns.map((column) => column.key)).not.toContain(
      'email',
    );
  });

  it('marks derived columns so setup can set them apart', () => {
    const plan = planMigration({ locale: 'en', sheets: [] });
    const step = plan.steps[0];
    expect(
      step?.kind === 'createSheet' && step.columns.filter((column) => column.derived).map((column) => column.header),
    ).toContain('Tier (auto)');
  });
});
