// Loyalty's part of the intake hooks: the registration bonus, the client's referral code and the link
// to whoever referred them, and the feedback bonus. Keyed in the ledger, so a form trigger firing twice
// pays once.
import { feedbackBonus, linkReferral, registrationBonus, type LoyaltyMessage } from '../../domain/loyalty';
import { ledgerEntryInWords } from './loyalty-words';
import { withLock } from '../../services/locks';
import { translate } from '../../i18n';
import { appendRows, readCoreSettings, updateRows, type Workbook } from '../../sheets';
import {
  ledgerRow,
  readClientRowOf,
  readLedgerOf,
  readLoyaltyClients,
  readLoyaltySettings,
  sumFor,
} from '../../sheets/loyalty';
import { readTable, type Table } from '../../sheets';
import { referralCodeOf } from './client-codes';
import { lazySigner } from '../../services/signer';

/** `refused` carries the reason (translated, and as a key for the Problems sheet) and the client's row, for intake to report. */
export type ReferralOutcome =
  | { status: 'none' }
  | { status: 'linked'; referredBy: string }
  | { status: 'refused'; message: string; reason: LoyaltyMessage; rowNumber: number };

export function welcomeClient(
  book: Workbook,
  clientId: string,
  typedReferralCode: string,
  at: Date,
  rowHint?: number,
  written?: Table,
): ReferralOutcome {
  return withLock('database', () => {
    const settings = readLoyaltySettings(book);
    // Only a typed referral code needs every client (to find the referrer); otherwise the one row.
    const clientsTable = typedReferralCode.trim()
      ? readTable(book, 'clients')
      : (written ?? readClientRowOf(book, clientId, rowHint));
    const clients = readLoyaltyClients(book, clientsTable);
    const client = clients.find((candidate) => candidate.id === clientId);
    if (!client) throw new Error(`loyalty: registered client ${clientId} is not in the Clients sheet`);
    const ledger = readLedgerOf(book, clientId);
    const appended = registrationBonus(ledger, clientId, settings, at);
    appendRows(
      book,
      'loyalty',
      appended.map((entry) =>
        ledgerRow(ledgerEntryInWords(entry, book.locale, readCoreSettings(book).settings.currency)),
      ),
    );

    const values: Record<string, string | number> = {};
    if (!client.referralCode) values.referralCode = referralCodeOf(client, settings, lazySigner());
    let outcome: ReferralOutcome = { status: 'none' };
    if (typedReferralCode.trim()) {
      const link = linkReferral(
        client.client,
        typedReferralCode,
        clients.map((row) => row.client),
      );
      if (link.ok) {
        outcome = { status: 'linked', referredBy: link.referredBy };
        if (client.referredBy !== link.referredBy) values.referredBy = link.referredBy;
      } else {
        outcome = {
          status: 'refused',
          message: translate(book.locale, link.error.key, link.error.params),
          reason: link.error,
          rowNumber: client.rowNumber,
        };
      }
    }
    if (appended.length > 0) values.pointsBalance = sumFor([...ledger, ...appended], clientId);
    if (Object.keys(values).length > 0)
      updateRows(book, 'clients', [{ rowNumber: client.rowNumber, identity: { id: clientId }, values }], clientsTable);
    return outcome;
  });
}

export function awardFeedbackBonus(book: Workbook, feedbackId: string, clientId: string, at: Date): void {
  if (!feedbackId || !clientId) return;
  withLock('database', () => {
    const ledger = readLedgerOf(book, clientId);
    appendRows(
      book,
      'loyalty',
      feedbackBonus(ledger, { id: feedbackId, clientId }, readLoyaltySettings(book), at).map((entry) =>
        ledgerRow(ledgerEntryInWords(entry, book.locale, readCoreSettings(book).settings.currency)),
      ),
    );
  });
}
