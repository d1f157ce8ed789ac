// Campaign discount codes in the DiscountCodes sheet: issued once per client and campaign, looked
// up as a client typed them, and marked used on an order.
import type { DiscountCodeView } from '../../contract/sidebar-api';
import { withLock } from '../../services/locks';
import { isDate } from '../../domain/cells';
import {
  issueDiscountCodes as planCodes,
  lookupCode,
  markCodeUsed,
  type DiscountCodeRecord,
} from '../../domain/loyalty';
import type { TypedRow } from '../../domain/schema';
import {
  appendRows,
  idCells,
  readClientNames,
  readTable,
  readTableWhere,
  updateRows,
  type RowValues,
  type Workbook,
} from '../../sheets';
import { UserFacingError } from '../app/respond';
import { asStaff } from '../app/staff';
import { readLoyaltySettings } from '../../sheets/loyalty';
import { lazySigner } from '../../services/signer';

/** The sheet keeps a fraction formatted as a percentage (0.1 shows 10%); the domain counts whole percent. */
function codeFromRow(row: TypedRow): DiscountCodeRecord | null {
  const v = row.values;
  const code = typeof v.code === 'string' ? v.code.trim() : '';
  if (!code) return null;
  return {
    code,
    campaignId: String(v.campaignId ?? ''),
    clientId: String(v.clientId ?? ''),
    percent: typeof v.percent === 'number' ? Math.round(v.percent * 10000) / 100 : 0,
    // Codes issued before the column existed have no time: the epoch stands for "unknown".
    issuedAt: isDate(v.issuedAt) ? new Date(v.issuedAt.getTime()) : new Date(0),
    usedAt: isDate(v.usedAt) ? new Date(v.usedAt.getTime()) : null,
    orderId: String(v.orderId ?? ''),
  };
}

function codeRow(record: DiscountCodeRecord): RowValues {
  return {
    code: record.code,
    campaignId: record.campaignId,
    clientId: record.clientId,
    percent: record.percent / 100,
    issuedAt: record.issuedAt,
    usedAt: record.usedAt,
    orderId: record.orderId,
  };
}

function view(record: DiscountCodeRecord): DiscountCodeView {
  return {
    code: record.code,
    campaignId: record.campaignId,
    clientId: record.clientId,
    percent: record.percent,
    usedAt: record.usedAt ? record.usedAt.toISOString() : null,
    orderId: record.orderId,
  };
}

export function readDiscountCodes(book: Workbook): DiscountCodeRecord[] {
  const codes: DiscountCodeRecord[] = [];
  for (const row of readTable(book, 'discountCodes').rows) {
    const record = codeFromRow(row);
    if (record) codes.push(record);
  }
  return codes;
}

/** Codes for the campaign, one per client, appended in one write; answers every listed client's code. */
export function issueCampaignCodes(
  book: Workbook,
  campaignId: string,
  clientIds: readonly string[],
  percent: number,
  asOf: Date,
): DiscountCodeRecord[] {
  if (!String(campaignId ?? '').trim()) throw new UserFacingError('loyalty.code.campaignRequired');
  if (!(typeof percent === 'number' && percent > 0 && percent <= 100))
    throw new UserFacingError('loyalty.code.invalidPercent', { percent: String(percent) });
  return withLock('database', () => {
    const existing = readDiscountCodes(book);
    const issued = planCodes(campaignId, clientIds, percent, existing, readLoyaltySettings(book), lazySigner()(), asOf);
    appendRows(book, 'discountCodes', issued.map(codeRow));
    const wanted = new Set(clientIds);
    return [...existing, ...issued].filter((record) => record.campaignId === campaignId && wanted.has(record.clientId));
  });
}

export function issueDiscountCodes(campaignId: string, clientIds: string[], percent: number): DiscountCodeView[] {
  return asStaff((book) => {
    // A code for nobody would be a code anyone could use.
    const clients = readClientNames(book);
    const unknown = clientIds.find((clientId) => !clients.has(clientId));
    if (unknown !== undefined) throw new UserFacingError('door.unknownClient', { id: unknown });
    // A code for a campaign that does not exist could never be traced to a mail.
    const wanted = campaignId.trim();
    if (!idCells(readTableWhere(book, 'campaigns', 'id', (stored) => stored === wanted)).includes(wanted))
      throw new UserFacingError('campaigns.notFound', { id: wanted });
    return issueCampaignCodes(book, campaignId, clientIds, Number(percent), new Date()).map(view);
  });
}

export function lookupDiscountCode(code: string): DiscountCodeView | null {
  return asStaff((book) => {
    const record = lookupCode(String(code ?? ''), readDiscountCodes(book));
    return record ? view(record) : null;
  });
}

/** Marks the code used on the order; the same order again changes nothing. */
export function markDiscountCodeUsed(code: string, clientId: string, orderId: string): DiscountCodeView {
  return asStaff((book) =>
    withLock('database', () => {
      const order = existingOrder(book, orderId, clientId);
      const use = markCodeUsed(String(code ?? ''), String(clientId ?? ''), order, readDiscountCodes(book), new Date());
      if (!use.ok) throw new UserFacingError(use.error.key, use.error.params);
      updateRows(book, 'discountCodes', [
        {
          rowNumber: 0,
          identity: { code: use.record.code },
          values: { usedAt: use.record.usedAt, orderId: use.record.orderId },
        },
      ]);
      return view(use.record);
    }),
  );
}

/** The order's id as the Orders sheet keeps it; refused when there is no such order or it is another client's. */
function existingOrder(book: Workbook, orderId: string, clientId: string): string {
  const wanted = orderId.trim().toLowerCase();
  const [order] = readTableWhere(book, 'orders', 'id', (stored) => stored.toLowerCase() === wanted).rows;
  if (!order) throw new UserFacingError('loyalty.order.unknown', { order: orderId.trim() });
  const id = String(order.values.id ?? '');
  const owner = String(order.values.clientId ?? '');
  if (owner !== '' && owner !== clientId)
    throw new UserFacingError('loyalty.order.otherClient', { order: id, client: clientId });
  return id;
}
