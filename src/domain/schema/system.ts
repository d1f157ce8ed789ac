// The add-on's own sheets: settings as key/value rows, and the problems found on the last run.
import { column, type SheetSpec } from './types';

export const SETTINGS: SheetSpec = {
  key: 'settings',
  name: 'sheet.settings',
  identity: ['key'],
  columns: [
    column('settings', 'key', 'id', { required: true, aliases: ['setting', 'параметр'] }),
    column('settings', 'value', 'text', { maxLength: 20000 }),
    column('settings', 'description', 'text'),
  ],
};

export const PROBLEMS: SheetSpec = {
  key: 'problems',
  name: 'sheet.problems',
  identity: ['at'],
  columns: [
    column('problems', 'at', 'datetime', { required: true, validation: undefined }),
    column('problems', 'sheet', 'text'),
    column('problems', 'row', 'number'),
    column('problems', 'column', 'text'),
    column('problems', 'value', 'text', { maxLength: 50000 }),
    column('problems', 'message', 'text'),
    // Sheet check lines are rebuilt on each check; form and import lines stay until staff delete them.
    column('problems', 'source', 'text'),
  ],
};
