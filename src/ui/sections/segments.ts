// Segments: a rules builder with a live count and a sample of members; saved segments can be
// loaded, renamed and deleted. Conditions can be grouped one level deep (all/any inside all/any);
// rules also show as text, which staff may edit directly (deeper nesting only there).
import type { ClientBrief, SegmentPreview, SegmentRuleTree, SegmentView } from '../../contract/sidebar-api';
import { SEGMENT_FIELDS } from '../../domain/analysis/segments/fields';
import { RULE_OPS, type RuleOp } from '../../domain/analysis/segments/model';
import { busy, el, field, loadInto, option, pressId, statusLine } from '../dom';
import type { Section, SectionContext } from '../section';
import { call, errorText } from '../server';
import { segmentInWords, valueLabel } from '../rule-words';
import { t } from '../text';

/** Conditions that make sense for each kind of field. */
const OPS_FOR: Record<string, readonly RuleOp[]> = {
  number: ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'between', 'is_empty', 'is_not_empty'],
  text: ['eq', 'ne', 'contains', 'starts_with', 'in', 'is_empty', 'is_not_empty'],
  choice: ['eq', 'ne', 'in', 'is_empty', 'is_not_empty'],
  date: ['in_last_days', 'before', 'after', 'between', 'is_empty', 'is_not_empty'],
  boolean: ['eq'],
  list: ['contains', 'is_empty', 'is_not_empty'],
  dynamic: RULE_OPS,
};

type Rule = { field: string; op: string; value?: string | number | boolean | null | Array<string | number | boolean> };

function ruleRow(onChange: () => void, onRemove: (row: HTMLElement) => void): HTMLElement & { rule(): Rule } {
  const fieldSelect = el('select', { attrs: { 'data-part': 'field' } });
  for (const name of SEGMENT_FIELDS.keys())
    fieldSelect.append(option(name, t(`ui.segments.field.${name}` as Parameters<typeof t>[0])));
  const opSelect = el('select', { attrs: { 'data-part': 'op' } });
  const value = el('input', { attrs: { type: 'text', 'data-part': 'value' } });
  // Enumerations (topics, stages, yes/no) are picked from a list; several for "one of".
  const choice = el('select', { attrs: { 'data-part': 'choice' } });
  const hint = el('p', { className: 'error hint', attrs: { 'data-part': 'hint', 'aria-live': 'polite' } });
  const listed = (): readonly string[] | null => {
    const spec = SEGMENT_FIELDS.get(fieldSelect.value);
    if (spec?.type === 'boolean') return ['true', 'false'];
    return spec?.type === 'choice' ? (spec.choices ?? null) : null;
  };
  const remove = el('button', {
    text: '×',
    attrs: { type: 'button', 'aria-label': t('ui.segments.removeRule'), title: t('ui.segments.removeRule') },
  });
  const fillOps = (): void => {
    const spec = SEGMENT_FIELDS.get(fieldSelect.value);
    const ops = OPS_FOR[spec?.type ?? 'dynamic'] ?? RULE_OPS;
    const keep = opSelect.value;
    opSelect.replaceChildren(...ops.map((op) => option(op, t(`ui.segments.op.${op}`), op === keep)));
    fillValue();
  };
  const fillValue = (): void => {
    const choices = listed();
    const name = fieldSelect.value;
    choice.multiple = opSelect.value === 'in';
    choice.replaceChildren(
      ...(choices ?? []).map((item) =>
        option(item, valueLabel(name, item === 'true' ? true : item === 'false' ? false : item)),
      ),
    );
    const needsValue = opSelect.value !== 'is_empty' && opSelect.value !== 'is_not_empty';
    choice.closest<HTMLElement>('.form-group')?.toggleAttribute('hidden', !choices || !needsValue);
    value.closest<HTMLElement>('.form-group')?.toggleAttribute('hidden', Boolean(choices) || !needsValue);
    checkNumber();
  };
  /** A number field that gets a word says so at once, in the staff language. */
  const checkNumber = (): void => {
    const spec = SEGMENT_FIELDS.get(fieldSelect.value);
    const parts = opSelect.value === 'between' ? value.value.split(',') : [value.value];
    const wrong =
      spec?.type === 'number' &&
      value.value.trim() !== '' &&
      parts.some(
        (part) => !Number.isFinite(Number(part.trim().replace(/\s/g, '').replace(',', '.'))) || part.trim() === '',
      );
    hint.textContent = wrong ? t('ui.segments.needsNumber') : '';
    value.setAttribute('aria-invalid', String(wrong));
  };
  const row = el(
    'div',
    { className: 'rule' },
    field(t('ui.segments.field'), fieldSelect),
    field(t('ui.segments.op'), opSelect),
    field(t('ui.segments.value'), value),
    field(t('ui.segments.value'), choice),
    remove,
    hint,
  );
  fieldSelect.addEventListener('change', () => {
    fillOps();
    onChange();
  });
  fillOps();
  opSelect.addEventListener('change', () => {
    fillValue();
    onChange();
  });
  choice.addEventListener('change', onChange);
  value.addEventListener('input', () => {
    checkNumber();
    onChange();
  });
  remove.addEventListener('click', () => onRemove(row));
  return Object.assign(row, {
    rule(): Rule {
      const spec = SEGMENT_FIELDS.get(fieldSelect.value);
      const op = opSelect.value;
      const raw = value.value.trim();
      if (op === 'is_empty' || op === 'is_not_empty') return { field: fieldSelect.value, op };
      if (listed()) {
        const picked = Array.from(choice.selectedOptions).map((item) => typed(item.value, spec?.type));
        return { field: fieldSelect.value, op, value: op === 'in' ? picked : (picked[0] ?? '') };
      }
      if (op === 'between' || op === 'in')
        return { field: fieldSelect.value, op, value: raw.split(',').map((part) => typed(part.trim(), spec?.type)) };
      return { field: fieldSelect.value, op, value: typed(raw, spec?.type) };
    },
  });
}

type RuleNode = HTMLElement & { rule(): Rule | SegmentRuleTree };

/** One level of nesting: a boxed group with its own all/any, inside the top-level rules. */
function groupBox(onChange: () => void, onRemove: (box: HTMLElement) => void): RuleNode {
  const match = el(
    'select',
    { attrs: { 'data-part': 'group-match' } },
    option('all', t('ui.segments.matchAll')),
    option('any', t('ui.segments.matchAny')),
  );
  const rules = el('div', { className: 'rules' });
  const addRule = (): void => {
    rules.append(
      ruleRow(onChange, (row) => {
        row.remove();
        onChange();
      }),
    );
  };
  const add = el('button', {
    text: t('ui.segments.addRule'),
    attrs: { type: 'button' },
    on: { click: () => (addRule(), onChange()) },
  });
  const remove = el('button', { text: t('ui.segments.removeGroup'), attrs: { type: 'button' } });
  const box = el(
    'fieldset',
    { className: 'rule-group' },
    el('legend', { text: t('ui.segments.group') }),
    field(t('ui.segments.groupMatch'), match),
    rules,
    el('div', { className: 'inline' }, add, remove),
  );
  match.addEventListener('change', onChange);
  remove.addEventListener('click', () => onRemove(box));
  addRule();
  return Object.assign(box, {
    rule: (): SegmentRuleTree => ({
      match: match.value === 'any' ? 'any' : 'all',
      rules: Array.from(rules.children).map((row) => (row as RuleNode).rule()),
    }),
  });
}

/** The value as the rule wants it: a number for number fields, true/false for yes-no fields. */
function typed(raw: string, type: string | undefined): string | number | boolean {
  if (type === 'boolean') return /^(true|yes|да|1)$/i.test(raw);
  const number = Number(raw.replace(',', '.'));
  if (type === 'number' && raw !== '' && Number.isFinite(number)) return number;
  return raw;
}

function sampleList(sample: ClientBrief[], context: SectionContext): HTMLElement {
  return el(
    'ul',
    { className: 'plain sample' },
    ...sample.map((client) =>
      el(
        'li',
        {},
        el('button', {
          className: 'link',
          text: client.name || client.email,
          on: { click: () => context.go('clients', client.id) },
        }),
        el('span', { className: 'secondary', text: ` · ${valueLabel('lifecycle', client.lifecycle)}` }),
      ),
    ),
  );
}

export const segments: Section = {
  render(root, context) {
    const saved = el('div', { className: 'saved-segments' });
    const match = el(
      'select',
      { attrs: { 'data-part': 'match' } },
      option('all', t('ui.segments.matchAll')),
      option('any', t('ui.segments.matchAny')),
    );
    const rules = el('div', { className: 'rules' });
    const rulesText = el('textarea', { attrs: { spellcheck: 'false', 'data-part': 'rules-text' } });
    const count = el('p', { className: 'count', attrs: { 'aria-live': 'polite' } });
    const sample = el('div');
    const name = el('input', { attrs: { type: 'text' } });
    const save = el('button', { className: 'create', text: t('ui.segments.save'), attrs: { type: 'submit' } });
    const check = el('button', { text: t('ui.segments.check'), attrs: { type: 'button' } });
    const status = statusLine();
    let editing: SegmentView | null = null;

    const tree = (): SegmentRuleTree => ({
      match: match.value === 'any' ? 'any' : 'all',
      rules: Array.from(rules.children).map((row) => (row as RuleNode).rule()),
    });
    let sequence = 0;
    let timer = 0;
    const showPreview = (preview: SegmentPreview): void => {
      count.className = preview.ok ? 'count' : 'count error';
      count.textContent = preview.ok ? t('ui.segments.count', { count: preview.count }) : preview.problems.join(' ');
      rulesText.value = preview.rules;
      sample.replaceChildren(
        ...(preview.ok && preview.sample.length > 0
          ? [el('h3', { text: t('ui.segments.sample') }), sampleList(preview.sample, context)]
          : []),
      );
    };
    /** Counts the members shortly after the last change; a late answer to an older question is dropped. */
    const recount = (rulesOrText: () => string | SegmentRuleTree): void => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        const asked = ++sequence;
        count.setAttribute('aria-busy', 'true');
        call('previewSegment', rulesOrText())
          .then((preview) => asked === sequence && showPreview(preview))
          .catch(
            (error: unknown) =>
              asked === sequence && ((count.className = 'count error'), (count.textContent = errorText(error))),
          )
          .finally(() => asked === sequence && count.removeAttribute('aria-busy'));
      }, 300);
    };
    const onChange = (): void => recount(tree);
    const addRule = (): void => {
      rules.append(
        ruleRow(onChange, (row) => {
          row.remove();
          onChange();
        }),
      );
    };
    const addGroup = (): void => {
      rules.append(
        groupBox(onChange, (box) => {
          box.remove();
          onChange();
        }),
      );
    };
    match.addEventListener('change', onChange);
    check.addEventListener('click', () => recount(() => rulesText.value));
    const add = el('button', {
      text: t('ui.segments.addRule'),
      attrs: { type: 'button' },
      on: { click: () => (addRule(), onChange()) },
    });
    const group = el('button', {
      text: t('ui.segments.addGroup'),
      attrs: { type: 'button', 'data-part': 'add-group' },
      on: { click: () => (addGroup(), onChange()) },
    });

    const form = el(
      'form',
      { className: 'card builder' },
      el('h3', { text: t('ui.segments.builder') }),
      field(t('ui.segments.match'), match),
      rules,
      el('div', { className: 'inline block' }, add, group),
      // The rules as text, for those who want to write them: behind "Advanced".
      el(
        'details',
        { className: 'advanced' },
        el('summary', { text: t('ui.segments.advanced') }),
        field(t('ui.segments.rulesText'), rulesText),
        el('div', { className: 'inline' }, check),
      ),
      count,
      sample,
      field(t('ui.segments.name'), name),
      el('div', { className: 'inline' }, save, status),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const segment = {
        ...(editing ? { id: editing.id } : {}),
        name: name.value,
        rules: rulesText.value.trim() !== '' ? rulesText.value : tree(),
        pressId: pressId(),
      };
      void busy(save, status, () => call('saveSegment', segment)).then((stored) => {
        if (!stored) return;
        status.show('info', t('ui.segments.savedAs', { name: stored.name }));
        editing = stored;
        drawSaved();
      });
    });

    const savedRow = (segment: SegmentView): HTMLElement => {
      const rowStatus = statusLine();
      const item = el(
        'li',
        { attrs: { 'data-segment': segment.id } },
        el(
          'div',
          {},
          el('b', { text: segment.name }),
          el('span', {
            className: 'secondary',
            text: [
              ' ',
              segment.members === null ? '—' : t('ui.segments.members', { count: segment.members }),
              segment.builtIn ? t('ui.segments.builtIn') : '',
            ]
              .filter(Boolean)
              .join(' · '),
          }),
        ),
        el('div', {
          className: 'secondary hint',
          attrs: { 'data-part': 'words' },
          text: segmentInWords(segment.rules),
        }),
      );
      const actions = el('div', { className: 'inline' });
      actions.append(
        el('button', {
          text: t('ui.segments.edit'),
          attrs: { type: 'button' },
          on: {
            click: () => {
              editing = segment.builtIn ? null : segment;
              name.value = segment.builtIn ? '' : segment.name;
              rules.replaceChildren();
              rulesText.value = segment.rules;
              recount(() => segment.rules);
              form.scrollIntoView();
            },
          },
        }),
      );
      if (!segment.builtIn) {
        const newName = el('input', {
          attrs: { type: 'text', value: segment.name, 'aria-label': t('ui.segments.newName', { name: segment.name }) },
        });
        const rename = el('button', { text: t('ui.segments.rename'), attrs: { type: 'button' } });
        rename.addEventListener(
          'click',
          () =>
            void busy(rename, rowStatus, () => call('renameSegment', segment.id, newName.value)).then(
              (renamed) => renamed && drawSaved(),
            ),
        );
        const remove = el('button', { className: 'share', text: t('ui.delete'), attrs: { type: 'button' } });
        let armed = false;
        remove.addEventListener('click', () => {
          if (!armed) {
            armed = true;
            rowStatus.show('error', t('ui.segments.confirmDelete', { name: segment.name }));
            return;
          }
          void busy(remove, rowStatus, () => call('deleteSegment', segment.id)).then(
            (deleted) => deleted && drawSaved(),
          );
        });
        item.append(newName);
        actions.append(rename, remove);
      }
      item.append(actions, rowStatus);
      for (const problem of segment.problems) item.append(el('div', { className: 'error hint', text: problem }));
      return item;
    };
    const drawSaved = (): void => {
      void loadInto(
        saved,
        () => call('listSegments'),
        (list) => saved.append(el('ul', { className: 'plain' }, ...list.map(savedRow))),
      );
    };

    root.append(el('h2', { text: t('ui.section.segments') }), form, el('h3', { text: t('ui.segments.saved') }), saved);
    addRule();
    drawSaved();
  },
};
