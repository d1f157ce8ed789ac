import type { MessageKey } from './en';

// Русский каталог: те же ключи, что в en.ts.
export const ru: Record<MessageKey, string> = {
  'app.name': 'Studio CRM',
  'menu.openSidebar': 'Открыть боковую панель',
  'cells.notANumber': 'Не число: «{value}».',
  'cells.notADate': 'Не дата: «{value}». Запишите как 24.11.2026 или 2026-11-24.',
  'cells.dateAmbiguous': '«{value}»: непонятно, где день, а где месяц. Запишите как 24.11.2026.',
  'cells.notABoolean': 'Ожидалось «да» или «нет», а записано «{value}».',
  'cells.badEmail': 'Не адрес электронной почты: «{value}».',
  'cells.notAllowed': '«{value}» не входит в список: {allowed}.',
  'cells.textTooLong': 'Слишком длинный текст ({length} символов, не больше {max}).',
  'cells.required': 'Эта ячейка не должна быть пустой.',
  'cells.garbageRow': 'В строке нет поля «{column}»: похоже на заголовок или объединённые ячейки, строка пропущена.',
  'cells.notAnId': 'Недопустимый идентификатор: «{value}».',
  'schema.missingColumn': 'На листе «{sheet}» нет столбца «{column}». Запустите настройку, чтобы добавить его.',
  'schema.duplicateColumn': 'На листе «{sheet}» столбец «{column}» встречается дважды; используется первый.',
  'schema.missingSheet': 'Нет листа «{sheet}». Запустите настройку, чтобы создать его.',
  'settings.invalid': 'Настройка «{key}» имеет недопустимое значение «{value}»; используется значение по умолчанию.',
  'settings.unknown': 'Неизвестная настройка «{key}» сохранена, но не используется.',
};
