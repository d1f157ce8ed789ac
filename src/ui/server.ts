// The one way the sidebar reaches the server: google.script.run as a typed promise. Names and
// arguments are checked against the contract, so a renamed server function fails type-checking.
// Keep every call written as `call('name', …)`: the entry-point test reads the names from the bundle.
import type { SidebarApi } from '../contract/sidebar-api';

type Runner = Record<string, (...args: unknown[]) => void>;

export function call<K extends keyof SidebarApi>(
  name: K,
  ...args: Parameters<SidebarApi[K]>
): Promise<ReturnType<SidebarApi[K]>> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((value: unknown) => resolve(value as ReturnType<SidebarApi[K]>))
      .withFailureHandler((error: Error) => reject(error)) as unknown as Runner;
    const server = runner[name];
    if (!server) reject(new Error(name));
    else server(...args);
  });
}

/** The server's sentence (already in the staff's language), without Apps Script's prefixes. */
export function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^(ScriptError|Exception|Error):\s*/, '');
}
