// The one contract check: every function of the sidebar contract is a top-level export of the bundle,
// with the contract's signature, and the argument types derived from the door's schemas are exactly the
// contract's. Type-only (index.ts does not import this file), so nothing here is bundled; a renamed or
// reshaped server function or schema fails type-checking on these lines.
import type { SidebarArgs, SidebarFunction } from '../contract/sidebar-args';
import type { SidebarApi } from '../contract/sidebar-api';
import type { PageArgs, PageFunction } from '../contract/page-args';
import type { PageApi } from '../contract/page-api';
import type * as Bundle from './index';

function bundleMeetsContract(bundle: typeof Bundle): SidebarApi & PageApi {
  return bundle;
}
void bundleMeetsContract;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Every contract function has a schema and every schema a contract function, with the same arguments. */
type SchemasMatchContract = {
  [F in keyof SidebarApi]: F extends SidebarFunction ? Same<Parameters<SidebarApi[F]>, SidebarArgs[F]> : false;
};
const schemasMatchContract: SchemasMatchContract extends Record<keyof SidebarApi, true> ? true : false = true;
const everySchemaInContract: Exclude<SidebarFunction, keyof SidebarApi> extends never ? true : false = true;
void schemasMatchContract;
void everySchemaInContract;

/** The same for the other pages' calls. */
type PageSchemasMatchContract = {
  [F in keyof PageApi]: F extends PageFunction ? Same<Parameters<PageApi[F]>, PageArgs[F]> : false;
};
const pageSchemasMatchContract: PageSchemasMatchContract extends Record<keyof PageApi, true> ? true : false = true;
const everyPageSchemaInContract: Exclude<PageFunction, keyof PageApi> extends never ? true : false = true;
void pageSchemasMatchContract;
void everyPageSchemaInContract;
