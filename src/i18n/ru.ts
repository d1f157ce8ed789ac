import type { MessageKey } from './en';

// Русский каталог: те же ключи, что в en.ts.
export const ru: Record<MessageKey, string> = {
  'app.name': 'Studio CRM',
  'menu.openSidebar': 'Открыть боковую панель',
};
