import { translate } from '../i18n';
import type { Locale } from '../domain/types';

declare global {
  interface Window {
    STUDIO_CRM_BOOT: { locale: Locale };
  }
}

const app = document.getElementById('app');
if (app) app.textContent = translate(window.STUDIO_CRM_BOOT.locale, 'app.name');
