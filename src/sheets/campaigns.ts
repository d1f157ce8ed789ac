// The campaign desk's sheets as records: Campaigns, Sends, and the client data a mail needs, each read
// once; and the few writes back (a campaign's status and counts, send rows).
import {
  DEFAULT_CAMPAIGN_SETTINGS,
  DEFAULT_FLOW_SETTINGS,
  FLOW_NAMES,
  type CampaignSettings,
  type FlowSettings,
} from '../domain/campaigns/settings';
import { campaignFromRow, clientFromRow, orderFromRow, sendFromRow, type TypedRow } from '../domain/schema';
import type { Campaign, Client, Order, Send } from '../domain/types';
import { readSettingsFor } from './settings';
import { readTable, readTableColumns, type Table } from './table';
import type { Workbook } from './workbook';
import { updateRows, type RowValues } from './write';

export interface CampaignRow {
  campaign: Campaign;
  rowNumber: number;
}

export function readCampaigns(book: Workbook): CampaignRow[] {
  return readCampaignsSheet(book).rows;
}

/** The Campaigns sheet as read, with the table, so a write under the same lock need not read it again. */
export function readCampaignsSheet(book: Workbook): { rows: CampaignRow[]; table: Table } {
  const table = readTable(book, 'campaigns');
  const rows: CampaignRow[] = [];
  table.rows.forEach((row, index) => {
    const campaign = campaignFromRow(row);
    if (campaign) rows.push({ campaign, rowNumber: table.rowNumbers[index] ?? 0 });
  });
  return { rows, table };
}

/** `table`: the caller's read of Campaigns under the lock it writes in (updateRows checks it still fits). */
export function writeCampaign(book: Workbook, row: CampaignRow, values: RowValues, table?: Table): void {
  updateRows(book, 'campaigns', [{ rowNumber: row.rowNumber, identity: { id: row.campaign.id }, values }], table);
}

export interface SendRow {
  send: Send;
  rowNumber: number;
}

/** The Sends sheet as read: its rows as records, and the table, so writes back need not read it again. */
export interface SendsSheet {
  rows: SendRow[];
  table: Table;
}

export function readSendsSheet(book: Workbook): SendsSheet {
  const table = readTable(book, 'sends');
  return {
    rows: table.rows.map((row, index) => ({ send: sendFromRow(row), rowNumber: table.rowNumbers[index] ?? 0 })),
    table,
  };
}

export function readSends(book: Workbook): SendRow[] {
  return readSendsSheet(book).rows;
}

/** How updateRows finds a Sends row again if it moved. */
export function sendIdentity(send: Send): Record<string, string> {
  return { campaignId: send.campaignId, clientId: send.clientId, occasion: send.occasion ?? '' };
}

export interface ClientBase {
  clientRows: TypedRow[];
  clients: Client[];
  /** Sheet row of each client, for writing back. */
  rowNumberById: Map<string, number>;
  orders: Order[];
  /** The reads it was made from, for a later reader of the same sheets in this execution (loyalty fields). */
  tables: { clients: Table; orders: Table };
  /** Every staff column of Clients when only some columns were read (their clients' `extra` holds the read ones). */
  staffHeaders?: string[];
}

/** Clients columns to read instead of the whole sheet: schema keys, and a test for the staff's own headers. */
export interface ClientColumns {
  keys: ReadonlySet<string>;
  staffHeader: (header: string) => boolean;
  /** False: nothing in use reads orders, and Orders is not read (the base has none). */
  orders: boolean;
}

/** Orders not read: a table of no rows and no columns, which no writer trusts. */
const UNREAD_ORDERS: Table = {
  sheet: 'orders',
  sheetName: null,
  rows: [],
  rowNumbers: [],
  problems: [],
  mapping: null,
  values: [],
  lastRow: 0,
  columns: [],
};

/**
 * Clients and Orders as a mail run needs them; with `only`, Clients is read in those columns alone
 * (readTableColumns): each client's other fields are blank, and `staffHeaders` still names every staff column;
 * Orders only when `only.orders`.
 */
export function readClientBase(book: Workbook, only?: ClientColumns): ClientBase {
  const table = only
    ? readTableColumns(book, 'clients', (mapping) => [
        ...Object.entries(mapping.indexes).flatMap(([key, index]) => (only.keys.has(key) ? [index] : [])),
        ...mapping.extra.flatMap((column) => (only.staffHeader(column.header) ? [column.index] : [])),
      ])
    : readTable(book, 'clients');
  const clientRows = table.rows;
  const rowNumberById = new Map<string, number>();
  clientRows.forEach((row, index) => rowNumberById.set(String(row.values.id ?? ''), table.rowNumbers[index] ?? 0));
  const clients = clientRows.map(clientFromRow).filter((client) => client.id !== '');
  const idByEmail = new Map(clients.map((client) => [client.email, client.id]));
  const orders: Order[] = [];
  const ordersTable = only && !only.orders ? UNREAD_ORDERS : readTable(book, 'orders');
  for (const row of ordersTable.rows) {
    const order = orderFromRow(row, idByEmail);
    if (order && order.clientId) orders.push(order);
  }
  const base: ClientBase = {
    clientRows,
    clients,
    rowNumberById,
    orders,
    tables: { clients: table, orders: ordersTable },
  };
  // As a whole read's clients name them (mergeSources): every staff column, once there is a client.
  if (only)
    base.staffHeaders =
      clients.length === 0
        ? []
        : [
            ...new Set([
              ...(table.mapping?.extra ?? []).map((column) => column.header).filter((header) => header !== ''),
              ...clients.flatMap((client) => Object.keys(client.extra)),
            ]),
          ];
  return base;
}

export function readCampaignSettings(book: Workbook): CampaignSettings {
  return { ...DEFAULT_CAMPAIGN_SETTINGS, ...readSettingsFor(book, DEFAULT_CAMPAIGN_SETTINGS, 'campaigns').overrides };
}

/** Each flow's row `flows.<name>` holds JSON; fields it leaves out keep their defaults. */
export function readFlowSettings(book: Workbook): FlowSettings {
  const overrides = readSettingsFor(book, DEFAULT_FLOW_SETTINGS, 'flows').overrides;
  const settings: FlowSettings = {
    ...DEFAULT_FLOW_SETTINGS,
    winbackRule: { ...DEFAULT_FLOW_SETTINGS.winbackRule, ...overrides.winbackRule },
  };
  for (const flow of FLOW_NAMES) settings[flow] = { ...DEFAULT_FLOW_SETTINGS[flow], ...overrides[flow] };
  return settings;
}
