// Settings as a form: grouped (studio, mail, automations, loyalty, analysis), typed controls (numbers with
// units, toggles, a tier table, a time of day), checked here before saving and validated again by the server.
// The Settings sheet stays the store: every row of it, known or not, is still editable as text under Advanced.
import type { SettingRowView } from '../../contract/sidebar-api';
import type { MessageKey } from '../../i18n';
import { en } from '../../i18n/en';
import { busy, el, field, loadInto, statusLine } from '../dom';
import type { Section } from '../section';
import { call } from '../server';
import { formatNumber, locale, t } from '../text';

type Group = 'studio' | 'mail' | 'automations' | 'loyalty' | 'analysis' | 'other';
type Unit = 'points' | 'days' | 'months' | 'mails' | 'errors' | 'chars' | 'share' | 'items' | 'hours' | 'perUnit';

/** Where a key is shown and in what unit; keys not listed fall in their area's group. */
const LAYOUT: Readonly<Record<string, { group?: Group; unit?: Unit; control?: 'hour' | 'tiers' | 'map' }>> = {
  'loyalty.pointsPerCurrencyUnit': { unit: 'perUnit' },
  'loyalty.bonusFeedback': { unit: 'points' },
  'loyalty.bonusRegistration': { unit: 'points' },
  'loyalty.bonusBirthday': { unit: 'points' },
  'loyalty.bonusReferrer': { unit: 'points' },
  'loyalty.bonusReferee': { unit: 'points' },
  'loyalty.birthdayWindowDays': { unit: 'days' },
  'loyalty.expiryMonths': { unit: 'months' },
  'loyalty.expiryReminderDays': { unit: 'days' },
  'loyalty.tierWindowDays': { unit: 'days' },
  'loyalty.tierGraceDays': { unit: 'days' },
  'loyalty.tiers': { control: 'tiers' },
  'loyalty.discountByTier': { control: 'map' },
  'loyalty.discountBySegment': { control: 'map' },
  'loyalty.discountCodeLength': { unit: 'chars' },
  'loyalty.referralCodeLength': { unit: 'chars' },
  'loyalty.recommendationMinSupport': { unit: 'share' },
  'loyalty.recommendationMinConfidence': { unit: 'share' },
  'loyalty.recommendationCount': { unit: 'items' },
  'campaigns.weeklyCap': { unit: 'mails' },
  'campaigns.quotaReserveForFlows': { group: 'automations', unit: 'mails' },
  'campaigns.breakerFailures': { unit: 'errors' },
  'campaigns.attributionDays': { unit: 'days' },
  'campaigns.margin': { group: 'analysis', unit: 'share' },
  'campaigns.quietFromHour': { control: 'hour' },
  'campaigns.quietUntilHour': { control: 'hour' },
  'analysis.goalResponseHours': { unit: 'hours' },
  'analysis.activeWindowDays': { unit: 'days' },
  'analysis.minimumGapDays': { unit: 'days' },
  'analysis.oneOrderLapsingDays': { unit: 'days' },
  'analysis.churnedAfterDays': { unit: 'days' },
  'analysis.loyalMinOrders': { unit: 'items' },
};

const GROUP_OF_AREA: Readonly<Record<string, Group>> = {
  core: 'studio',
  forms: 'studio',
  campaigns: 'mail',
  flows: 'automations',
  automations: 'automations',
  loyalty: 'loyalty',
  analysis: 'analysis',
  // Staff alerts in the studio's Telegram chat.
  telegram: 'studio',
  // The tabs the client and order lists are kept on.
  sheets: 'studio',
};
const GROUPS: readonly Group[] = ['studio', 'mail', 'automations', 'loyalty', 'analysis', 'other'];

function groupOf(row: SettingRowView): Group {
  if (row.kind === 'unknown') return 'other';
  return LAYOUT[row.key]?.group ?? GROUP_OF_AREA[row.key.slice(0, row.key.indexOf('.'))] ?? 'other';
}

function catalogText(key: string): string | null {
  return key in en ? t(key as MessageKey) : null;
}

/** The setting's name in the staff language: its catalog label, else its description, else the sheet's key. */
export function settingLabel(row: Pick<SettingRowView, 'key' | 'description'>): string {
  return (
    catalogText(`ui.settings.label.${row.key}`) ??
    catalogText(`settings.description.${row.key}`) ??
    (row.description || row.key)
  );
}

/** A number as staff type it in their language: `1 500` or `0,7` in Russian, `1,500` or `0.7` in English. */
export function readNumber(text: string): number | null {
  const spaced = text.replace(/[\s\u00a0\u202f]/g, '');
  const clean = locale() === 'ru' ? spaced.replace(',', '.') : spaced.replace(/,(?=\d{3}(\D|$))/g, '');
  if (clean === '') return null;
  const number = Number(clean);
  return Number.isFinite(number) ? number : null;
}

interface Control {
  node: HTMLElement;
  /** The text to store, or an error sentence when what was typed cannot be stored. */
  read(): { text: string } | { error: string };
  show(value: string): void;
}

function textControl(row: SettingRowView, number: boolean): Control {
  const input = el('input', {
    attrs: {
      type: 'text',
      value: row.value,
      placeholder: row.defaultValue ?? '',
      'data-key': row.key,
      spellcheck: 'false',
      ...(number ? { inputmode: 'decimal' } : {}),
    },
  });
  const unit = LAYOUT[row.key]?.unit;
  const node = unit
    ? el(
        'div',
        { className: 'inline' },
        input,
        el('span', { className: 'secondary unit', text: t(`ui.settings.unit.${unit}`) }),
      )
    : input;
  return {
    node,
    read() {
      if (!number || input.value.trim() === '') return { text: input.value.trim() };
      const value = readNumber(input.value);
      return value === null ? { error: t('ui.settings.needsNumber') } : { text: String(value) };
    },
    show(value) {
      input.value = value;
    },
  };
}

function toggleControl(row: SettingRowView): Control {
  const box = el('input', { attrs: { type: 'checkbox', 'data-key': row.key } });
  const effective = row.value === '' ? row.defaultValue : row.value;
  box.checked = /^(true|да|yes|1)$/i.test(effective ?? '');
  return {
    node: el('label', { className: 'inline toggle' }, box, el('span', { text: t('ui.settings.on') })),
    read: () => ({ text: box.checked ? 'true' : 'false' }),
    show(value) {
      box.checked = value === 'true';
    },
  };
}

/** An hour of the day (the setting stores 0–23) picked as a time. */
function hourControl(row: SettingRowView): Control {
  const picker = el('input', { attrs: { type: 'time', step: '3600', 'data-key': row.key } });
  const show = (value: string): void => {
    const hour = readNumber(value === '' ? (row.defaultValue ?? '') : value);
    picker.value = hour === null ? '' : `${String(hour).padStart(2, '0')}:00`;
  };
  show(row.value);
  return {
    node: picker,
    read: () => ({ text: picker.value === '' ? '' : String(Number(picker.value.slice(0, 2))) }),
    show,
  };
}

function parseJson(text: string | null): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return null;
  }
}

type Cells = Record<string, HTMLInputElement>;

/** A small table of inputs, one row per item; `columns` name the fields, numbers read as numbers. */
function tableControl(
  row: SettingRowView,
  columns: ReadonlyArray<{ name: string; label: string; number: boolean }>,
  items: (value: unknown) => Array<Record<string, string | number>>,
  toValue: (rows: Array<Record<string, string | number>>) => unknown,
  addLabel: string,
): Control {
  const body = el('tbody');
  const addRow = (item: Record<string, string | number>): void => {
    const cells: Cells = {};
    const tr = el('tr');
    for (const column of columns) {
      const value = item[column.name];
      const input = el('input', {
        attrs: {
          type: 'text',
          value:
            value === undefined
              ? ''
              : column.number && typeof value === 'number'
                ? formatNumber(value, 4)
                : String(value),
          'aria-label': column.label,
          'data-column': column.name,
          ...(column.number ? { inputmode: 'decimal' } : {}),
        },
      });
      cells[column.name] = input;
      tr.append(el('td', {}, input));
    }
    const remove = el('button', { text: '×', attrs: { type: 'button', 'aria-label': t('ui.settings.tier.remove') } });
    remove.addEventListener('click', () => tr.remove());
    tr.append(el('td', {}, remove));
    body.append(tr);
  };
  const show = (value: string): void => {
    body.replaceChildren();
    for (const item of items(parseJson(value === '' ? row.defaultValue : value))) addRow(item);
  };
  show(row.value);
  const add = el('button', { text: addLabel, attrs: { type: 'button', 'data-part': 'add-row' } });
  add.addEventListener('click', () => addRow({}));
  const table = el(
    'table',
    { className: 'setting-table', attrs: { 'data-key': row.key } },
    el('thead', {}, el('tr', {}, ...columns.map((column) => el('th', { text: column.label })), el('th'))),
    body,
  );
  return {
    node: el('div', {}, table, add),
    read() {
      const rows: Array<Record<string, string | number>> = [];
      for (const tr of Array.from(body.children)) {
        const item: Record<string, string | number> = {};
        for (const column of columns) {
          const input = tr.querySelector<HTMLInputElement>(`input[data-column="${column.name}"]`);
          const text = input?.value.trim() ?? '';
          if (!column.number) {
            item[column.name] = text;
            continue;
          }
          const number = readNumber(text);
          if (number === null) return { error: t('ui.settings.needsNumber') };
          item[column.name] = number;
        }
        if (Object.values(item).some((value) => value !== '')) rows.push(item);
      }
      return { text: JSON.stringify(toValue(rows)) };
    },
    show,
  };
}

function tiersControl(row: SettingRowView): Control {
  const columns = [
    { name: 'name', label: t('ui.settings.tier.name'), number: false },
    { name: 'threshold', label: t('ui.settings.tier.threshold'), number: true },
    { name: 'multiplier', label: t('ui.settings.tier.multiplier'), number: true },
    { name: 'upBonus', label: t('ui.settings.tier.upBonus'), number: true },
  ];
  return tableControl(
    row,
    columns,
    (value) => (Array.isArray(value) ? (value as Array<Record<string, string | number>>) : []),
    (rows) => rows,
    t('ui.settings.tier.add'),
  );
}

function mapControl(row: SettingRowView): Control {
  const columns = [
    { name: 'name', label: t('ui.settings.map.name'), number: false },
    { name: 'percent', label: t('ui.settings.map.percent'), number: true },
  ];
  return tableControl(
    row,
    columns,
    (value) =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.entries(value as Record<string, number>).map(([name, percent]) => ({ name, percent }))
        : [],
    (rows) => Object.fromEntries(rows.map((item) => [String(item.name), Number(item.percent)])),
    t('ui.settings.map.add'),
  );
}

function controlFor(row: SettingRowView): Control {
  const control = LAYOUT[row.key]?.control;
  if (control === 'hour') return hourControl(row);
  if (control === 'tiers') return tiersControl(row);
  if (control === 'map') return mapControl(row);
  if (row.kind === 'boolean') return toggleControl(row);
  return textControl(row, row.kind === 'number');
}

/** The default as staff read it: with its unit, or "on/off". */
function defaultText(row: SettingRowView): string {
  if (row.defaultValue === null || row.defaultValue === '' || row.kind === 'json') return '';
  const unit = LAYOUT[row.key]?.unit;
  const number = row.kind === 'number' ? readNumber(row.defaultValue) : null;
  const shown =
    LAYOUT[row.key]?.control === 'hour' && number !== null
      ? `${String(number).padStart(2, '0')}:00`
      : number !== null
        ? `${formatNumber(number, 4)}${unit ? ` ${t(`ui.settings.unit.${unit}`)}` : ''}`
        : row.defaultValue;
  return t('ui.settings.default', { value: shown });
}

function settingRow(row: SettingRowView): HTMLElement {
  const control = controlFor(row);
  const status = statusLine();
  if (row.problem) status.show('error', row.problem);
  const save = el('button', { text: t('ui.save'), attrs: { type: 'submit' } });
  const label = settingLabel(row);
  const hint = [defaultText(row), row.kind === 'unknown' ? t('ui.settings.studioOwn') : ''].filter(Boolean).join(' · ');
  const form = el(
    'form',
    { className: 'setting', attrs: { 'data-setting': row.key } },
    el(
      'div',
      { className: 'block form-group' },
      el('label', { text: label }),
      control.node,
      hint ? el('div', { className: 'secondary hint', text: hint }) : null,
    ),
    el('div', { className: 'inline' }, save, status),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const typed = control.read();
    if ('error' in typed) {
      status.show('error', typed.error);
      return;
    }
    void busy(save, status, () => call('saveSetting', row.key, typed.text)).then((saved) => {
      if (!saved) return;
      control.show(saved.value);
      status.show('info', t('ui.saved'));
    });
  });
  return form;
}

/** Under Advanced: any row of the sheet as text, and a new row by its key. */
function rawRow(row: SettingRowView): HTMLElement {
  const input = el('input', { attrs: { type: 'text', value: row.value, 'data-key': row.key, spellcheck: 'false' } });
  const status = statusLine();
  const save = el('button', { text: t('ui.save'), attrs: { type: 'submit' } });
  const form = el(
    'form',
    { className: 'setting raw', attrs: { 'data-raw-setting': row.key } },
    field(settingLabel(row), input),
    el('div', { className: 'inline' }, save, status),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(save, status, () => call('saveSetting', row.key, input.value)).then((saved) => {
      if (!saved) return;
      input.value = saved.value;
      status.show('info', t('ui.saved'));
    });
  });
  return form;
}

function newSettingForm(onAdded: () => void): HTMLElement {
  const key = el('input', { attrs: { type: 'text', spellcheck: 'false' } });
  const value = el('input', { attrs: { type: 'text' } });
  const add = el('button', { className: 'action', text: t('ui.settings.add'), attrs: { type: 'submit' } });
  const status = statusLine();
  const form = el(
    'form',
    { className: 'card' },
    field(t('ui.settings.newKey'), key),
    field(t('ui.settings.newValue'), value),
    el('div', { className: 'inline' }, add, status),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(add, status, () => call('saveSetting', key.value, value.value)).then((saved) => {
      if (saved) onAdded();
    });
  });
  return form;
}

export const settings: Section = {
  render(root) {
    const list = el('div', { className: 'settings-list' });
    const raw = el('div', { className: 'settings-raw' });
    const filter = el('input', { attrs: { type: 'search' } });
    const draw = (): void => {
      void loadInto(
        list,
        () => call('listSettings'),
        (rows) => {
          raw.replaceChildren(...rows.map(rawRow));
          for (const group of GROUPS) {
            const inGroup = rows.filter((row) => groupOf(row) === group);
            if (inGroup.length === 0) continue;
            list.append(
              el(
                'fieldset',
                { className: 'card settings-group', attrs: { 'data-group': group } },
                el('legend', { text: t(`ui.settings.group.${group}`) }),
                ...inGroup.map(settingRow),
              ),
            );
          }
          applyFilter();
        },
      );
    };
    const applyFilter = (): void => {
      const needle = filter.value.trim().toLowerCase();
      for (const form of Array.from(list.querySelectorAll<HTMLElement>('[data-setting]')))
        form.hidden = needle !== '' && !(form.textContent ?? '').toLowerCase().includes(needle);
    };
    filter.addEventListener('input', applyFilter);
    root.append(
      el('h2', { text: t('ui.section.settings') }),
      el('p', { className: 'secondary', text: t('ui.settings.intro') }),
      field(t('ui.settings.filter'), filter),
      list,
      el(
        'details',
        { className: 'advanced' },
        el('summary', { text: t('ui.settings.advanced') }),
        raw,
        newSettingForm(draw),
      ),
    );
    draw();
  },
};
