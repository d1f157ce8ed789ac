// `npm start`: the add-on running offline. The real dist/Code.js runs in the emulator; the page shows the
// spreadsheet, the real sidebar (its google.script.run bridged here), the outbox, forms, triggers and clock.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withClientBridge } from './client-bridge';
import { openPlayground, type Playground } from './session';

const here = dirname(fileURLToPath(import.meta.url));

export interface PlaygroundServer {
  url: string;
  playground: Playground;
  close(): Promise<void>;
}

export async function startPlaygroundServer(
  options: { port?: number; statePath?: string | null; fresh?: boolean } = {},
): Promise<PlaygroundServer> {
  const playground = openPlayground({
    statePath: options.statePath === undefined ? '.playground/state.json' : options.statePath,
    fresh: options.fresh ?? false,
  });
  const page = readFileSync(join(here, 'page.html'), 'utf8');

  const server = createServer((request, response) => {
    handle(playground, page, request, response).catch((error: unknown) => {
      console.error(error);
      send(
        response,
        500,
        'application/json',
        JSON.stringify({ ok: false, error: { message: String((error as Error)?.message ?? error) } }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    playground,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The JSON bodies the page posts; each route reads its own fields and checks them before use. */
interface PlaygroundRequest {
  fn?: unknown;
  args?: unknown;
  formId?: unknown;
  answers?: Record<string, string | string[]>;
  email?: string;
  ms?: unknown;
  locale?: unknown;
  sheet?: unknown;
  cell?: unknown;
  text?: unknown;
}

async function handle(
  playground: Playground,
  page: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const route = `${request.method} ${url.pathname}`;
  const body = (request.method === 'POST' ? JSON.parse((await readBody(request)) || '{}') : {}) as PlaygroundRequest;
  switch (route) {
    case 'GET /':
      return send(response, 200, 'text/html; charset=utf-8', page);
    case 'GET /sidebar':
      return send(response, 200, 'text/html; charset=utf-8', withClientBridge(playground.sidebarHtml()));
    case 'GET /dialog':
      return send(
        response,
        200,
        'text/html; charset=utf-8',
        withClientBridge(playground.dialogHtml(Number(url.searchParams.get('index') ?? -1))),
      );
    case 'GET /unsubscribe':
    case 'GET /exec': {
      const result = playground.doGet(Object.fromEntries(url.searchParams));
      return send(
        response,
        200,
        result.mimeType.startsWith('text/html') ? 'text/html; charset=utf-8' : result.mimeType,
        result.content,
      );
    }
    case 'GET /api/state':
      return json(response, playground.state());
    case 'GET /api/sheet':
      return json(
        response,
        playground.sheet(
          url.searchParams.get('name') ?? '',
          Number(url.searchParams.get('offset') ?? 0),
          Number(url.searchParams.get('limit') ?? 200),
        ),
      );
    case 'GET /api/charts':
      return json(response, playground.charts(url.searchParams.get('name') ?? ''));
    case 'POST /api/cell':
      return json(response, playground.editCell(String(body.sheet), String(body.cell), String(body.text ?? '')));
    case 'GET /api/outbox':
      return json(response, playground.outbox());
    case 'GET /api/forms':
      return json(response, playground.forms());
    case 'POST /api/run':
      return json(
        response,
        playground.callFromClient(String(body.fn), Array.isArray(body.args) ? (body.args as unknown[]) : []),
      );
    case 'POST /api/menu':
      return json(response, playground.runMenu(String(body.fn)));
    case 'POST /api/forms/submit':
      return json(response, playground.submitForm(String(body.formId), body.answers ?? {}, body.email));
    case 'POST /api/outbox/reply':
    case 'POST /api/outbox/bounce': {
      const asked = body as { messageId?: unknown; kind?: unknown };
      // A bounce notice for the mail, or its client answering in its thread; advance(0) persists like any change.
      const mail = playground.emu.mail.outbox.find((entry) => entry.messageId === String(asked.messageId));
      if (!mail) return json(response, { ok: false, error: { message: 'no such mail' } });
      if (route.endsWith('/bounce')) {
        playground.emu.mail.bounceSent(mail.messageId, asked.kind === 'soft' ? 'soft' : 'hard', mail.account);
        return json(response, playground.advance(0));
      }
      const text =
        playground.emu.session.toJSON().locale === 'en' ? 'Thanks! How much is it?' : 'Спасибо! Сколько стоит?';
      playground.emu.mail.replyAsClient(mail.messageId, mail.to[0] ?? '', text, undefined, mail.account);
      return json(response, playground.advance(0));
    }
    case 'POST /api/clock':
      return json(response, playground.advance(Number(body.ms ?? 0)));
    case 'POST /api/locale':
      return json(response, playground.setLocale(String(body.locale)));
    case 'POST /api/reset':
      return json(response, playground.reset());
    case 'GET /api/telegram':
      return json(response, playground.telegramChats());
    case 'POST /api/telegram/write': {
      const write = body as { chatId?: unknown; firstName?: unknown; text?: unknown };
      return json(
        response,
        playground.telegramWrite(Number(write.chatId), String(write.firstName ?? ''), String(write.text ?? '')),
      );
    }
    default:
      return send(response, 404, 'text/plain', 'not found');
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function json(response: ServerResponse, value: unknown): void {
  send(response, 200, 'application/json; charset=utf-8', JSON.stringify(value));
}

function send(response: ServerResponse, status: number, type: string, content: string): void {
  response.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  response.end(content);
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const port = Number(process.env.PORT ?? 8080);
  const started = await startPlaygroundServer({ port, fresh: process.argv.includes('--fresh') });
  console.log(`Studio CRM playground: ${started.url}  (state in .playground/state.json; --fresh to start over)`);
}
