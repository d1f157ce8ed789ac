// Where intake hands over to loyalty (welcome bonus, feedback bonus); called after intake's own write,
// outside the database lock's critical part.
import { columnSpec, sheetSpec } from '../../domain/schema';
import { translate } from '../../i18n';
import { addProblems, type Table, type Workbook } from '../../sheets';
import { awardFeedbackBonus, welcomeClient } from '../loyalty/loyalty-hooks';
import { referralCode } from '../../domain/loyalty';
import { readLoyaltySettings } from '../../sheets/loyalty';
import { lazySigner } from '../../services/signer';

export interface RegisteredClient {
  clientId: string;
  /** False when the answer updated a client already in the database. */
  created: boolean;
  at: Date;
  /** The friend's referral code the client typed on the registration form, if any. */
  referralCode?: string;
  /** The client's row as the answer left it, so loyalty reads that row instead of finding it. */
  rowNumber?: number;
  /** A new client's row as the upsert wrote it: loyalty goes on with it without reading it back. */
  written?: Table;
}

export interface ReceivedFeedback {
  feedbackId: string;
  clientId: string;
  orderId: string;
  at: Date;
}

/** Cells a new client's row is written with (its referral code), so the welcome need not write them after. */
export function newClientValues(book: Workbook, clientId: string): Record<string, string> {
  return { referralCode: referralCode(clientId, readLoyaltySettings(book), lazySigner()()) };
}

/** Once per registration answer that created or changed a client: loyalty's welcome; a refused referral goes to Problems. */
export function onClientRegistered(book: Workbook, client: RegisteredClient): void {
  const referral = welcomeClient(
    book,
    client.clientId,
    client.referralCode ?? '',
    client.at,
    client.rowNumber,
    client.written,
  );
  if (referral.status !== 'refused') return;
  console.warn(`referral for ${client.clientId} refused: ${referral.message}`);
  // Staff see it where they look for unreadable answers; a repeat firing adds no second line.
  const column = translate(book.locale, columnSpec(sheetSpec('clients'), 'referredBy').header);
  const value = client.referralCode ?? '';
  addProblems(
    book,
    [
      {
        sheet: 'clients',
        row: referral.rowNumber,
        column,
        value,
        code: referral.reason.key,
        params: referral.reason.params,
      },
    ],
    'form',
    client.at,
  );
}

/** Once per new Feedback row (never for a duplicate firing): loyalty's feedback bonus. */
export function onFeedbackReceived(book: Workbook, feedback: ReceivedFeedback): void {
  awardFeedbackBonus(book, feedback.feedbackId, feedback.clientId, feedback.at);
}
