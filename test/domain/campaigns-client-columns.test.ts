// Which Clients columns a campaign's preview reads for its templates' fields: the decisions' own, the
// merge fields' (by any name a column goes by), Telegram's only with a bot, and whether Orders is needed.
import { describe, expect, it } from 'vitest';
import { campaignClientColumns, foldFieldName } from '../../src/domain/campaigns/fields';

const DECISIONS = ['id', 'name', 'email', 'consentAt', 'unsubscribedAt', 'bouncedAt', 'locale'];
const fields = (...names: string[]) => names.map(foldFieldName);

describe('campaignClientColumns', () => {
  it('reads the decisions’ columns and those of the fields used, by key, header or alias', () => {
    // first_name: the name and the greeting column; «Город» is City's Russian header; "e-mail" an alias of Email;
    // points and unsubscribe_link come from the ledger and a link, no column.
    const columns = campaignClientColumns(fields('first_name', 'Город', 'e-mail', 'points', 'unsubscribe_link'), {
      telegram: false,
    });
    expect([...columns.keys].sort()).toEqual([...DECISIONS, 'firstName', 'city'].sort());
    expect(columns.orders).toBe(false);
  });

  it('adds Telegram’s columns only with a bot, and Orders for fields made from orders', () => {
    const columns = campaignClientColumns(fields('last_order'), { telegram: true });
    expect([...columns.keys].sort()).toEqual(
      [
        ...DECISIONS,
        'telegramChatId',
        'telegramLinkedAt',
        'telegramUnreachableAt',
        'preferredChannel',
        'firstName',
      ].sort(),
    );
    expect(columns.orders).toBe(true);
    // A tier starts from the Clients column and, failing it, the client's spend in Orders.
    const tier = campaignClientColumns(fields('tier'), { telegram: false });
    expect(tier.keys.has('tier')).toBe(true);
    expect(tier.orders).toBe(true);
  });

  it('reads a staff column the template names, and a greeting column with first_name', () => {
    const columns = campaignClientColumns(fields('Любимый цвет', 'first_name'), { telegram: false });
    // Names are compared folded (case, spaces, ё): the header as staff typed it matches.
    expect(columns.staffHeader('любимый  Цвет ')).toBe(true);
    expect(columns.staffHeader('Любимый цвет волос')).toBe(false);
    expect(columns.staffHeader('Имя для письма')).toBe(true); // a greeting column staff added
    expect(columns.staffHeader('Заметки менеджера')).toBe(false);
    const withoutGreeting = campaignClientColumns(fields('Любимый цвет'), { telegram: false });
    expect(withoutGreeting.staffHeader('Имя для письма')).toBe(false);
  });
});
