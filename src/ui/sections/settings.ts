// Settings: the Settings sheet's rows, each validated by the server when saved.
import type { SettingRowView } from '../../contract/sidebar-api';
import { busy, el, field, loadInto, statusLine } from '../dom';
import type { Section } from '../section';
import { call } from '../server';
import { t } from '../text';

function settingRow(row: SettingRowView): HTMLElement {
  const input = el('input', {
    attrs: {
      type: 'text',
      value: row.value,
      placeholder: row.defaultValue ?? '',
      'data-key': row.key,
      spellcheck: 'false',
    },
  });
  const hint = [
    t(`ui.settings.kind.${row.kind}`),
    row.defaultValue !== null ? t('ui.settings.default', { value: row.defaultValue }) : '',
    row.description,
  ]
    .filter(Boolean)
    .join(' · ');
  const status = statusLine();
  if (row.problem) status.show('error', row.problem);
  const save = el('button', { text: t('ui.save'), attrs: { type: 'submit' } });
  const form = el(
    'form',
    { className: 'setting', attrs: { 'data-setting': row.key } },
    field(row.key, input, hint),
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
    const filter = el('input', { attrs: { type: 'search' } });
    const draw = (): void => {
      void loadInto(
        list,
        () => call('listSettings'),
        (rows) => {
          for (const row of rows) list.append(settingRow(row));
          applyFilter();
        },
      );
    };
    const applyFilter = (): void => {
      const needle = filter.value.trim().toLowerCase();
      for (const form of Array.from(list.querySelectorAll<HTMLElement>('[data-setting]')))
        form.hidden = needle !== '' && !(form.dataset.setting ?? '').toLowerCase().includes(needle);
    };
    filter.addEventListener('input', applyFilter);
    root.append(
      el('h2', { text: t('ui.section.settings') }),
      el('p', { className: 'secondary', text: t('ui.settings.intro') }),
      field(t('ui.settings.filter'), filter),
      list,
      newSettingForm(draw),
    );
    draw();
  },
};
