// The sidebar app: a section picker over one content area. The server chose the language and the
// first section (the menu's openers) and put them in window.STUDIO_CRM_BOOT.
import type { Boot, SidebarSection } from '../contract/sidebar-api';
import { busy, el, option, statusLine } from './dom';
import { call } from './server';
import type { Section, SectionContext } from './section';
import { automations } from './sections/automations';
import { campaigns } from './sections/campaigns';
import { clients } from './sections/clients';
import { forms } from './sections/forms';
import { help } from './sections/help';
import { overview } from './sections/overview';
import { segments } from './sections/segments';
import { settings } from './sections/settings';
import { telegram } from './sections/telegram';
import { setLocale, setTimeZone, t } from './text';

declare global {
  interface Window {
    STUDIO_CRM_BOOT: Boot;
  }
}

/** The sections in the picker's order; help is reached from the menu and the picker's end. */
const SECTIONS: ReadonlyArray<[SidebarSection, Section]> = [
  ['overview', overview],
  ['clients', clients],
  ['segments', segments],
  ['campaigns', campaigns],
  ['automations', automations],
  ['forms', forms],
  ['telegram', telegram],
  ['settings', settings],
  ['help', help],
];

/** Before setup: what is missing, and the menu's Set up button right here; its summary replaces the banner. */
function setupBanner(): HTMLElement {
  const setup = el('button', { className: 'action', text: t('menu.setupDatabase') });
  const status = statusLine();
  const banner = el(
    'div',
    { className: 'banner' },
    el('p', { className: 'error', attrs: { role: 'alert' }, text: t('ui.setupFirst') }),
    el('div', { className: 'inline' }, setup, status),
  );
  setup.addEventListener('click', () => {
    void busy(setup, status, () => call('setupDatabase')).then((summary) => {
      if (summary) banner.replaceChildren(el('p', { className: 'secondary', text: summary.message }));
    });
  });
  return banner;
}

function start(boot: Boot): void {
  setLocale(boot.locale);
  setTimeZone(boot.timeZone);
  const app = document.getElementById('app');
  if (!app) return;
  const picker = el('select', { attrs: { id: 'section-picker' } });
  for (const [name] of SECTIONS) picker.append(option(name, t(`ui.section.${name}`)));
  const content = el('main', { attrs: { id: 'section', tabindex: '-1' } });
  const banner = boot.ready ? null : setupBanner();

  const context: SectionContext = {
    boot,
    go(section, argument) {
      const entry = SECTIONS.find(([name]) => name === section) ?? SECTIONS[0];
      if (!entry) return;
      picker.value = entry[0];
      content.replaceChildren();
      content.dataset.section = entry[0];
      entry[1].render(content, context, argument);
    },
  };
  picker.addEventListener('change', () => context.go(picker.value as SidebarSection));

  app.replaceChildren(
    el(
      'header',
      { className: 'shell-header' },
      el('label', { text: t('ui.section.label'), attrs: { for: picker.id } }),
      picker,
    ),
    ...(banner ? [banner] : []),
    content,
  );
  context.go(boot.section);
}

start(window.STUDIO_CRM_BOOT);
