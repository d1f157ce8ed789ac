// Picking a mail template: the Templates sheet's rows and the Gmail drafts usable as templates, in
// one list, with "other" for a name typed by hand (a draft written after the list was loaded).
import type { TemplateOption } from '../contract/sidebar-api';
import { el, field, option, uid } from './dom';
import { call } from './server';
import { t } from './text';

const OTHER = '';

export interface TemplatePicker {
  node: HTMLElement;
  /** The template as a campaign stores it: a row name or `draft:<subject>`. */
  value(): string;
}

function optionLabel(template: TemplateOption): string {
  if (template.source === 'draft') return template.subject;
  return template.subject ? `${template.ref} — ${template.subject}` : template.ref;
}

/** `hint` explains where the list comes from; a section showing several pickers says it once instead. */
export function templatePicker(
  label: string,
  templates: TemplateOption[],
  current = '',
  hint?: string,
): TemplatePicker {
  const select = el('select', { attrs: { 'data-part': 'template' } });
  const typed = el('input', {
    attrs: {
      type: 'text',
      'data-part': 'template-typed',
      'aria-label': t('ui.templates.typed'),
      placeholder: t('ui.templates.typed'),
    },
  });
  const known = templates.some((template) => template.ref === current);
  for (const [source, heading] of [
    ['sheet', t('ui.templates.fromSheet')],
    ['draft', t('ui.templates.fromDrafts')],
  ] as const) {
    const group = templates.filter((template) => template.source === source);
    if (group.length > 0)
      select.append(
        el(
          'optgroup',
          { attrs: { label: heading } },
          ...group.map((template) => option(template.ref, optionLabel(template), template.ref === current)),
        ),
      );
  }
  select.append(option(OTHER, t('ui.templates.other'), templates.length === 0 || (current !== '' && !known)));
  if (!known) typed.value = current;
  const showTyped = (): void => {
    typed.hidden = select.value !== OTHER;
    typed.required = select.value === OTHER;
  };
  select.addEventListener('change', () => {
    showTyped();
    if (select.value === OTHER) typed.focus();
  });
  showTyped();
  select.id = uid('template');
  const node = field(label, select, hint);
  select.after(typed);
  return { node, value: () => (select.value === OTHER ? typed.value.trim() : select.value) };
}

/** The templates to pick from; without them (Gmail not reachable) staff can still type a name. */
export function templatesOrNone(): Promise<TemplateOption[]> {
  return call('listTemplates').catch(() => [] as TemplateOption[]);
}
