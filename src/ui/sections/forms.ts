// Forms: links to the registration and feedback forms, their answer counts, and the registration
// QR code drawn here (no image service sees the link) for printing.
import qrcode from 'qrcode-generator';
import type { FormView, FormsView } from '../../contract/sidebar-api';
import { busy, el, loadInto, statusLine } from '../dom';
import type { Section } from '../section';
import { call } from '../server';
import { t } from '../text';

function formBlock(title: string, form: FormView | null): HTMLElement {
  if (!form)
    return el(
      'div',
      { className: 'card' },
      el('h3', { text: title }),
      el('p', { className: 'secondary', text: t('ui.forms.missing') }),
    );
  return el(
    'div',
    { className: 'card', attrs: { 'data-form': form.formId } },
    el('h3', { text: title }),
    el('p', {}, el('a', { text: t('ui.forms.open'), attrs: { href: form.url, target: '_blank', rel: 'noopener' } })),
    form.responses === null
      ? null
      : el('p', { className: 'secondary', text: t('ui.forms.answers', { count: form.responses }) }),
  );
}

/** The link as an SVG QR code (error correction M: survives a smudged print). */
export function qrSvg(text: string): string {
  const code = qrcode(0, 'M');
  code.addData(text, 'Byte');
  code.make();
  return code.createSvgTag({ cellSize: 4, margin: 4, scalable: true });
}

function qrBlock(text: string): HTMLElement {
  const picture = el('div', { className: 'qr', attrs: { role: 'img', 'aria-label': t('ui.forms.qr') } });
  // The SVG comes from the QR library's own output for our link, not from user-typed markup.
  picture.innerHTML = qrSvg(text);
  const print = el('button', {
    className: 'action no-print',
    text: t('ui.forms.print'),
    on: { click: () => window.print() },
  });
  return el(
    'div',
    { className: 'card qr-card' },
    el('h3', { text: t('ui.forms.qr') }),
    el('p', { className: 'secondary', text: t('ui.forms.qrHelp') }),
    picture,
    print,
  );
}

function draw(body: HTMLElement, view: FormsView, reload: () => void): void {
  body.append(
    el('p', { className: 'secondary', text: t('ui.forms.intro') }),
    formBlock(t('ui.forms.registration'), view.registration),
    formBlock(t('ui.forms.feedback'), view.feedback),
  );
  if (view.qrText) body.append(qrBlock(view.qrText));
  if (!view.registration || !view.feedback) {
    const create = el('button', { className: 'create', text: t('ui.forms.create') });
    const status = statusLine();
    create.addEventListener(
      'click',
      () => void busy(create, status, () => call('createForms')).then((created) => created && reload()),
    );
    body.append(el('div', { className: 'inline' }, create, status));
  }
}

export const forms: Section = {
  render(root) {
    const body = el('div');
    const load = (): void =>
      void loadInto(
        body,
        () => call('getForms'),
        (view) => draw(body, view, load),
      );
    root.append(el('h2', { text: t('ui.section.forms') }), body);
    load();
  },
};
