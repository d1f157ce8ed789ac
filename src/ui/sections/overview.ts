// Overview: the period's KPI tiles beside the previous period, and what needs attention.
import type { GoalView, KpiTileView, OverviewView } from '../../contract/sidebar-api';
import type { MessageKey } from '../../i18n';
import { el, loadInto } from '../dom';
import type { Section, SectionContext } from '../section';
import { call } from '../server';
import { withCurrency } from '../../domain/cells/money';
import { formatDate, formatDateTime, formatNumber, t } from '../text';

function shown(value: number | null, format: KpiTileView['format'], currency: string): string {
  if (value === null) return '—';
  if (format === 'percent') return `${formatNumber(value * 100, 1)} %`;
  if (format === 'money') return withCurrency(formatNumber(value, 0), currency);
  return formatNumber(value, format === 'number' ? 2 : 1);
}

function tile(view: KpiTileView, currency: string): HTMLElement {
  const better = view.format === 'hours' ? -1 : 1; // a slower first response is worse
  const trend =
    view.current !== null && view.previous !== null && view.current !== view.previous
      ? (view.current - view.previous) * better > 0
        ? 'up'
        : 'down'
      : '';
  return el(
    'div',
    { className: 'tile', attrs: { 'data-kpi': view.key } },
    el('div', { className: 'name', text: view.label }),
    el('div', { className: `value ${trend}`, text: shown(view.current, view.format, currency) }),
    el('div', {
      className: 'before',
      text: t('ui.overview.previous', { value: shown(view.previous, view.format, currency) }),
    }),
  );
}

/** A share or change as a percent with its sign when it is a change: `60 %`, `+30 %`, `−20 %`. */
function percent(value: number, signed: boolean): string {
  const text = `${formatNumber(Math.abs(value) * 100, 1)} %`;
  if (!signed) return value < 0 ? `−${text}` : text;
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}

function goalNumber(goal: GoalView, value: number): string {
  if (goal.rule === 'growthAtLeast' || goal.rule === 'changeAtMost') return percent(value, true);
  if (goal.key === 'averageResponseHours') return t('ui.overview.goal.hours', { hours: formatNumber(value, 1) });
  return percent(value, false);
}

/** One KPI against its target: name, the measured value, the target in words, its colour and trend. */
function goalRow(goal: GoalView): HTMLElement {
  const state = goal.state ?? 'none';
  return el(
    'li',
    { className: `goal ${state}`, attrs: { 'data-goal': goal.key, 'data-state': state } },
    el('span', { className: 'dot', attrs: { 'aria-hidden': 'true' } }),
    el('b', { text: t(`ui.overview.goal.name.${goal.key}` as MessageKey) }),
    el('span', {
      className: 'measured',
      text: ` ${goal.measured === null ? t('ui.overview.goal.noData') : goalNumber(goal, goal.measured)}`,
    }),
    el('div', {
      className: 'secondary hint',
      text: [
        t(`ui.overview.goal.rule.${goal.rule}`, { target: goalNumber(goal, goal.target) }),
        goal.state ? t(`ui.overview.goal.state.${goal.state}`) : '',
        goal.trend ? t(`ui.overview.goal.trend.${goal.trend}`) : '',
      ]
        .filter(Boolean)
        .join(' · '),
    }),
  );
}

function attention(view: OverviewView, context: SectionContext): HTMLElement {
  const list = el('ul', { className: 'plain attention' });
  const { lapsingRegulars, lapsingSample, unansweredRequests, pausedCampaigns, problems } = view.attention;
  if (lapsingRegulars > 0) {
    const item = el('li', { text: t('ui.overview.lapsing', { count: lapsingRegulars }) });
    for (const client of lapsingSample)
      item.append(
        el(
          'div',
          {},
          el('button', {
            className: 'link',
            text: client.name || client.email,
            on: { click: () => context.go('clients', client.id) },
          }),
        ),
      );
    list.append(item);
  }
  if (unansweredRequests > 0)
    list.append(el('li', { text: t('ui.overview.unanswered', { count: unansweredRequests }) }));
  if (pausedCampaigns) list.append(el('li', { text: t('ui.overview.paused', { count: pausedCampaigns }) }));
  if (problems > 0) list.append(el('li', { className: 'error', text: t('ui.overview.problems', { count: problems }) }));
  if (list.childElementCount === 0) list.append(el('li', { className: 'secondary', text: t('ui.overview.allGood') }));
  return list;
}

export const overview: Section = {
  render(root, context) {
    root.append(el('h2', { text: t('ui.section.overview') }));
    const body = el('div');
    root.append(body);
    void loadInto(
      body,
      () => call('getOverview'),
      (view) => {
        body.append(
          el('p', {
            className: 'secondary',
            text: t('ui.overview.period', { from: formatDate(view.period.from), to: formatDate(view.period.to) }),
          }),
          el('div', { className: 'tiles' }, ...view.tiles.map((each) => tile(each, view.currency))),
          el('h3', { text: t('ui.overview.goals') }),
          el('ul', { className: 'plain goals' }, ...(view.goals ?? []).map(goalRow)),
          el('h3', { text: t('ui.overview.attention') }),
          attention(view, context),
          el('p', { className: 'secondary', text: view.clv?.message ?? '' }),
          el('p', {
            className: 'secondary',
            text: view.refreshedAt
              ? t('ui.overview.refreshed', { at: formatDateTime(view.refreshedAt, true) })
              : t('ui.overview.neverRefreshed'),
          }),
        );
      },
    );
  },
};
