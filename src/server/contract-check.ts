// The one contract check: every function of the sidebar contract is a top-level export of the bundle,
// with the contract's signature. Type-only for the bundle (index.ts does not import this file), so
// nothing here is bundled; a renamed or reshaped server function fails type-checking on this line.
import type { SidebarApi } from '../contract/sidebar-api';
import type * as Bundle from './index';

function bundleMeetsContract(bundle: typeof Bundle): SidebarApi {
  return bundle;
}
void bundleMeetsContract;
