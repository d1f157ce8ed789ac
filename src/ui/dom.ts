// Building the sidebar's DOM without markup strings: text always arrives already translated.
import { errorText } from './server';
import { t } from './text';

type Props = {
  className?: string;
  text?: string;
  attrs?: Record<string, string | number | boolean | null | undefined>;
  on?: Partial<{ [E in keyof HTMLElementEventMap]: (event: HTMLElementEventMap[E]) => void }>;
};

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Array<Node | null | undefined | false>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const [type, handler] of Object.entries(props.on ?? {})) node.addEventListener(type, handler as EventListener);
  for (const child of children) if (child) node.appendChild(child);
  return node;
}

let nextId = 0;
/** A unique id for tying a label to its control. */
export function uid(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

/** A label above its control (Google's add-on layout), tied by id. */
export function field(
  label: string,
  control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
  hint?: string,
): HTMLElement {
  if (!control.id) control.id = uid('field');
  const hintNode = hint
    ? el('div', { className: 'secondary hint', text: hint, attrs: { id: `${control.id}-hint` } })
    : null;
  if (hintNode) control.setAttribute('aria-describedby', hintNode.id);
  return el(
    'div',
    { className: 'block form-group' },
    el('label', { text: label, attrs: { for: control.id } }),
    control,
    hintNode,
  );
}

export function option(value: string, label: string, selected = false): HTMLOptionElement {
  const node = el('option', { text: label, attrs: { value } });
  node.selected = selected;
  return node;
}

export type StatusLine = HTMLElement & { show(kind: 'error' | 'info', text: string): void; clear(): void };

/** A status line: errors in red, other news in grey; read out by screen readers. */
export function statusLine(): StatusLine {
  const node = el('div', { className: 'status', attrs: { role: 'status', 'aria-live': 'polite' } });
  return Object.assign(node, {
    show(kind: 'error' | 'info', text: string) {
      node.className = `status ${kind === 'error' ? 'error' : 'secondary'}`;
      node.textContent = text;
    },
    clear() {
      node.className = 'status';
      node.textContent = '';
    },
  });
}

/**
 * Runs server work behind a button: the button is disabled and shows a spinner, the sidebar stays
 * usable, and a failure lands in `status` as the server's sentence. Answers undefined on failure.
 */
export async function busy<T>(
  button: HTMLButtonElement,
  status: StatusLine | null,
  work: () => Promise<T>,
): Promise<T | undefined> {
  if (button.disabled) return undefined;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  const spinner = el('span', { className: 'spinner', attrs: { 'aria-hidden': 'true' } });
  button.prepend(spinner);
  status?.show('info', t('ui.working'));
  try {
    const result = await work();
    status?.clear();
    return result;
  } catch (error) {
    status?.show('error', errorText(error));
    return undefined;
  } finally {
    spinner.remove();
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

/** Shows "Loading…" in `root` while `load` runs, then hands the result to `render`; an error offers a retry. */
export async function loadInto<T>(
  root: HTMLElement,
  load: () => Promise<T>,
  render: (value: T) => void,
): Promise<void> {
  root.replaceChildren(
    el(
      'p',
      { className: 'secondary loading' },
      el('span', { className: 'spinner', attrs: { 'aria-hidden': 'true' } }),
      document.createTextNode(t('ui.loading')),
    ),
  );
  root.setAttribute('aria-busy', 'true');
  try {
    const value = await load();
    root.replaceChildren();
    render(value);
  } catch (error) {
    const retry = el('button', { text: t('ui.retry'), on: { click: () => void loadInto(root, load, render) } });
    root.replaceChildren(el('p', { className: 'error', attrs: { role: 'alert' }, text: errorText(error) }), retry);
  } finally {
    root.removeAttribute('aria-busy');
  }
}

/** A press id made once per submit, so a double click is one change on the server. */
export function pressId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
