// The one contract between the sidebar and the server: every function the sidebar may call through
// google.script.run, with its arguments and answer. The server's functions are checked against it
// (`satisfies`), and the sidebar calls only through the typed wrapper in src/ui/server.ts, so a renamed
// or reshaped server function fails type-checking, not at run time. Plain JSON-safe types only:
// google.script.run passes no Date objects, so times travel as ISO strings.
import type { Locale } from '../domain/types';

export interface Boot {
  locale: Locale;
  /** Whether the database sheets exist; the sidebar offers setup when not. */
  ready: boolean;
  userEmail: string;
}

export interface SidebarApi {
  getBoot(): Boot;
}

export type SidebarFunction = keyof SidebarApi;
