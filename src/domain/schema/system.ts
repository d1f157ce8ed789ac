// The add-on's own sheets: settings as key/value rows, and the problems found on the last run.
import { column, type SheetSpec } from './types';

export const SETTINGS: SheetSpec = {
  key: 'settings',
  name: 'sheet.settings',
  identity: ['key'],
  columns: [
    column('key', 'Key', 'Ключ', 'id', { required: true, aliases: ['setting', 'параметр'] }),
    column('value', 'Value', 'Значение', 'text', { maxLength: 20000 }),
    column('description', 'Description', 'Описание', 'text'),
  ],
};

export const PROBLEMS: SheetSpec = {
  key: 'problems',
  name: 'sheet.problems',
  identity: ['at'],
  columns: [
    column('at', 'At', 'Когда', 'datetime', { required: true, validation: undefined }),
    column('sheet', 'Sheet', 'Лист', 'text'),
    column('row', 'Row', 'Строка', 'number'),
    column('column', 'Column', 'Столбец', 'text'),
    column('value', 'Value', 'Значение', 'text', { maxLength: 50000 }),
    column('message', 'Message', 'Что не так', 'text'),
    // Sheet check lines are rebuilt on each check; form and import lines stay until staff delete them.
    column('source', 'Source', 'Источник', 'text'),
  ],
};
