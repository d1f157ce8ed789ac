// The database schema: sheets, columns, header mapping, migration planning and typed rows.
export * from './types';
export * from './catalog';
export * from './headers';
export * from './migration';
export * from './rows';
export * from './settings';
export * from './readable-settings';
export * from './clients';
export * from './writes';
export * from './records';
export * from './seed';
export * from './delimited';
export * from './importing';
export * from './intake';
export * from './problems';
export * from './column-blocks';
export { relabelTable, type RelabelResult } from './relabel';
