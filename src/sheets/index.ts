// The database layer: the only code that touches the sheets' cells.
export { openWorkbook, type Workbook } from './workbook';
export {
  findSheet,
  idCells,
  readTable,
  readTableWhere,
  settingEntries,
  sheetTabNames,
  type Table,
  type WhereOptions,
} from './table';
export { appendRows, appendRowsAsTable, updateRows, type RowValues, type RowUpdate, type UpdateResult } from './write';
export { workbookShape, planWorkbookMigration, applyMigration } from './migrate';
export {
  findRowsWhere,
  idColumn,
  issueId,
  keepIssuedId,
  LAST_ID_PROPERTY,
  newestValuesWhere,
  type FindOptions,
} from './lookup';
export { clientIdOfOrder, orderClientOf, readClientNames, upsertClientByEmail, type UpsertResult } from './clients';
export { writeProblems, writeProblemsIfChanged, addProblems } from './problems';
export { readCoreSettings, readSettingDescriptions, readSettingsFor, writeSetting } from './settings';
export { setUpWorkbook, seedSettings, type SetupReport } from './setup';
export { mergeImport, type ImportOutcome } from './import';
