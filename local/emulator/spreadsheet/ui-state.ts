// What the spreadsheet's UI has shown, kept as plain JSON for the host and the playground.

export interface MenuItemState {
  kind: 'item' | 'separator' | 'submenu';
  caption?: string;
  functionName?: string;
  items?: MenuItemState[];
}

export interface MenuState {
  caption: string | null;
  addon: boolean;
  items: MenuItemState[];
}

export interface DialogState {
  kind: 'sidebar' | 'modal' | 'modeless';
  title: string;
  content: string;
  width: number | null;
  height: number | null;
}

export interface AlertState {
  kind: 'alert' | 'prompt';
  title: string | null;
  prompt: string;
  buttons: string;
  answer: { button: string; text: string };
}

export interface ToastState {
  message: string;
  title: string;
  timeoutSeconds: number;
  at: number;
}

export interface UiAnswer {
  button: 'OK' | 'CANCEL' | 'YES' | 'NO' | 'CLOSE';
  text?: string;
}

export interface UiState {
  menus: MenuState[];
  dialogs: DialogState[];
  alerts: AlertState[];
  toasts: ToastState[];
  answers: UiAnswer[];
  /** The button an unanswered alert/prompt gets (CLOSE when the dialog lacks it); null: an unanswered dialog is an error. */
  autoAnswer?: UiAnswer['button'] | null;
}

export function emptyUi(): UiState {
  return { menus: [], dialogs: [], alerts: [], toasts: [], answers: [], autoAnswer: null };
}
