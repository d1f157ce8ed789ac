// Help: what the add-on does and where to start, in the staff's language.
import { el } from '../dom';
import type { Section } from '../section';
import { t } from '../text';

export const help: Section = {
  render(root) {
    root.append(
      el('h2', { text: t('ui.section.help') }),
      el('p', { text: t('ui.help.intro') }),
      el('p', { text: t('ui.help.start') }),
      el('p', { text: t('ui.help.sections') }),
      el('p', { className: 'secondary', text: t('ui.help.sheets') }),
    );
  },
};
