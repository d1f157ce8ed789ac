// Clients: search, then one client's card (profile, insights, loyalty, history) with the actions
// staff take from it: log a request, mark it answered, adjust points. Below the search: the studio's
// desk (open requests, update points, import, problems).
import type { ClientSummary } from '../../contract/sidebar-api';
import { busy, el, field, loadInto, statusLine } from '../dom';
import type { Section, SectionContext } from '../section';
import { call } from '../server';
import { cardView, loadCard } from './client-card';
import { importPanel, problemsPanel } from './imports';
import { loyaltyRunBlock } from './loyalty-desk';
import { openRequestsPanel } from './requests';
import { t } from '../text';

function resultList(clients: ClientSummary[], open: (id: string) => void): HTMLElement {
  if (clients.length === 0) return el('p', { className: 'secondary', text: t('ui.clients.none') });
  return el(
    'ul',
    { className: 'plain results' },
    ...clients.map((client) =>
      el(
        'li',
        {},
        el('button', {
          className: 'link',
          text: client.name || client.email,
          attrs: { 'data-client': client.id },
          on: { click: () => open(client.id) },
        }),
        el('div', { className: 'secondary', text: [client.email, client.twitch].filter(Boolean).join(' · ') }),
      ),
    ),
  );
}

export const clients: Section = {
  render(root, context: SectionContext, clientId?: string) {
    const query = el('input', { attrs: { type: 'search', autocomplete: 'off' } });
    const find = el('button', { className: 'action', text: t('ui.clients.find'), attrs: { type: 'submit' } });
    const status = statusLine();
    const form = el(
      'form',
      { className: 'search' },
      field(t('ui.clients.search'), query),
      el('div', { className: 'inline' }, find, status),
    );
    const results = el('div', { className: 'search-results' });
    const card = el('div', { className: 'client-card' });
    const desk = el(
      'div',
      { className: 'desk' },
      openRequestsPanel(),
      loyaltyRunBlock(),
      importPanel(),
      problemsPanel(),
    );
    let lastResults: ClientSummary[] = [];

    const open = (id: string): void => {
      results.hidden = true;
      form.hidden = true;
      desk.hidden = true;
      card.hidden = false;
      const back = el('button', { className: 'link', text: t('ui.clients.back'), on: { click: () => showResults() } });
      // The name from the search shows at once; the card's one call fills in the rest.
      const known = lastResults.find((candidate) => candidate.id === id);
      const shell = known ? el('h2', { text: known.name || known.email }) : null;
      card.replaceChildren(back, ...(shell ? [shell] : []));
      const body = el('div');
      card.append(body);
      void loadInto(
        body,
        () => loadCard(id),
        (loaded) => {
          shell?.remove();
          body.append(cardView(loaded, () => open(id)));
        },
      );
    };
    const showResults = (): void => {
      card.hidden = true;
      form.hidden = false;
      desk.hidden = false;
      results.hidden = false;
      results.replaceChildren(resultList(lastResults, open));
      query.focus();
    };
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void busy(find, status, () => call('searchClients', query.value)).then((found) => {
        if (!found) return;
        lastResults = found;
        showResults();
      });
    });
    root.append(el('h2', { text: t('ui.section.clients') }), form, results, desk, card);
    if (clientId) open(clientId);
    else query.focus();
    void context;
  },
};
