// What every sidebar section gets from the shell, and what it gives back.
import type { Boot, SidebarSection } from '../contract/sidebar-api';

export interface SectionContext {
  boot: Boot;
  /** Opens another section (e.g. a client's card from the Overview), with an optional argument. */
  go(section: SidebarSection, argument?: string): void;
}

export interface Section {
  /** Draws the section into `root` (emptied first); `argument` comes from `go`. */
  render(root: HTMLElement, context: SectionContext, argument?: string): void;
}
