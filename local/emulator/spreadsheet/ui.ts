// The spreadsheet's Ui: menus, sidebars, dialogs, alerts and prompts. Alerts and prompts are answered
// from a queue the test (or playground) fills; without an answer the call fails loudly unless the host
// turned on an automatic answer (the playground does).
import { expectArgs, isStr, memberOf, signatureError } from './args';
import { BUTTONS_OF_SET, Button, ButtonSet } from './enums';
import type { Env, ShownPage } from './env';
import type { DialogState, MenuItemState, UiAnswer } from './ui-state';

interface HtmlOutputLike {
  getContent(): string;
  getTitle(): string;
  getWidth?(): number;
  getHeight?(): number;
}

function isHtmlOutput(value: unknown): value is HtmlOutputLike {
  return (
    !!value &&
    typeof value === 'object' &&
    typeof (value as HtmlOutputLike).getContent === 'function' &&
    typeof (value as HtmlOutputLike).getTitle === 'function'
  );
}

/** A page-like object's content when no html host is wired (the spreadsheet service tested alone); call under rt.internal. */
function duckPage(output: HtmlOutputLike): ShownPage {
  return {
    title: output.getTitle(),
    content: output.getContent(),
    width: output.getWidth?.() ?? null,
    height: output.getHeight?.() ?? null,
  };
}

export class Menu {
  readonly items: MenuItemState[] = [];

  constructor(
    private readonly env: Env,
    readonly caption: string | null,
    private readonly addon: boolean,
  ) {}

  addItem(caption: string, functionName: string): Menu {
    this.env.rt.call('Menu', 'addItem');
    expectArgs('Menu', 'addItem', arguments, [isStr, isStr]);
    this.items.push({ kind: 'item', caption, functionName });
    return this;
  }
  addSeparator(): Menu {
    this.env.rt.call('Menu', 'addSeparator');
    this.items.push({ kind: 'separator' });
    return this;
  }
  addSubMenu(menu: Menu): Menu {
    this.env.rt.call('Menu', 'addSubMenu');
    if (arguments.length !== 1 || !(menu instanceof Menu)) throw signatureError('Menu', 'addSubMenu', arguments);
    this.items.push({ kind: 'submenu', caption: menu.caption ?? '', items: structuredClone(menu.items) });
    return this;
  }
  addToUi(): void {
    this.env.rt.call('Menu', 'addToUi');
    const menus = this.env.store.ui.menus;
    // Adding a menu with the same caption again replaces it, as reopening the document does.
    const index = menus.findIndex((m) => m.caption === this.caption && m.addon === this.addon);
    const menu = { caption: this.caption, addon: this.addon, items: structuredClone(this.items) };
    if (index >= 0) menus[index] = menu;
    else menus.push(menu);
  }
}

export class Ui {
  readonly ButtonSet = ButtonSet;
  readonly Button = Button;

  constructor(private readonly env: Env) {}

  createMenu(caption: string): Menu {
    this.env.rt.call('Ui', 'createMenu');
    expectArgs('Ui', 'createMenu', arguments, [isStr]);
    return new Menu(this.env, caption, false);
  }
  createAddonMenu(): Menu {
    this.env.rt.call('Ui', 'createAddonMenu');
    expectArgs('Ui', 'createAddonMenu', arguments, []);
    return new Menu(this.env, null, true);
  }
  showSidebar(userInterface: HtmlOutputLike): void {
    this.env.rt.call('Ui', 'showSidebar');
    this.show('sidebar', 'showSidebar', arguments, null);
  }
  showModalDialog(userInterface: HtmlOutputLike, title: string): void {
    this.env.rt.call('Ui', 'showModalDialog');
    this.show('modal', 'showModalDialog', arguments, title);
  }
  showModelessDialog(userInterface: HtmlOutputLike, title: string): void {
    this.env.rt.call('Ui', 'showModelessDialog');
    this.show('modeless', 'showModelessDialog', arguments, title);
  }

  private show(kind: DialogState['kind'], method: string, args: IArguments, title: string | null): void {
    // With the html host at hand only a real HtmlOutput is accepted; it is read uncounted.
    const isPage = (v: unknown): boolean => (this.env.htmlPage ? this.env.htmlPage(v) !== null : isHtmlOutput(v));
    expectArgs('Ui', method, args, kind === 'sidebar' ? [isPage] : [isPage, isStr]);
    const page = this.env.htmlPage?.(args[0]) ?? this.env.rt.internal(() => duckPage(args[0] as HtmlOutputLike));
    this.env.store.ui.dialogs.push({
      kind,
      title: title ?? page.title,
      content: page.content,
      width: page.width,
      height: page.height,
    });
  }

  alert(...args: unknown[]): unknown {
    this.env.rt.call('Ui', 'alert');
    return Button[this.ask('alert', args).button];
  }

  prompt(...args: unknown[]): unknown {
    this.env.rt.call('Ui', 'prompt');
    const answer = this.ask('prompt', args);
    const env = this.env;
    return {
      getResponseText(): string {
        env.rt.call('PromptResponse', 'getResponseText');
        return answer.text ?? '';
      },
      getSelectedButton(): unknown {
        env.rt.call('PromptResponse', 'getSelectedButton');
        return Button[answer.button];
      },
    };
  }

  private ask(kind: 'alert' | 'prompt', args: unknown[]): UiAnswer {
    const isSet = (v: unknown): boolean => memberOf(ButtonSet, v) !== null;
    const shape = expectArgs('Ui', kind, args, [isStr], [isStr, isSet], [isStr, isStr, isSet]);
    const title = shape === 2 ? (args[0] as string) : null;
    const prompt = (shape === 2 ? args[1] : args[0]) as string;
    const buttons = shape === 0 ? 'OK' : memberOf(ButtonSet, args[shape])!;
    const answer = this.env.store.ui.answers.shift() ?? this.autoAnswer(buttons);
    if (!answer) {
      throw new Error(
        `Ui.${kind}("${prompt}") was shown but no answer was queued: call host.ui.answer() first, or host.ui.autoAnswer('OK').`,
      );
    }
    if (answer.button !== 'CLOSE' && !BUTTONS_OF_SET[buttons]!.includes(answer.button)) {
      throw new Error(
        `Ui.${kind}("${prompt}") offers ${buttons}; the queued answer ${answer.button} is not one of its buttons.`,
      );
    }
    this.env.store.ui.alerts.push({
      kind,
      title,
      prompt,
      buttons,
      answer: { button: answer.button, text: answer.text ?? '' },
    });
    return answer;
  }

  /** The playground's user clicking the agreed button, or closing a dialog that has no such button. */
  private autoAnswer(buttons: string): UiAnswer | null {
    const button = this.env.store.ui.autoAnswer ?? null;
    if (button === null) return null;
    return { button: BUTTONS_OF_SET[buttons]!.includes(button) ? button : 'CLOSE', text: '' };
  }
}
