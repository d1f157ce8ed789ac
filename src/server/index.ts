// The bundle's public surface: every named export becomes a top-level function of dist/Code.js
// (menu items, triggers, google.script.run calls, doGet). Nothing else reaches the global scope.
export { onOpen, onInstall } from './menu';
export { runNightly, runHourly } from './scheduled';
export { runLoyaltyNow, getLoyaltyCard, adjustPoints, redeemPoints } from './loyalty';
export { issueDiscountCodes, lookupDiscountCode, markDiscountCodeUsed } from './discountCodes';
export { openSidebar, openCampaigns, openAutomations, openSettings, showHelp, getBoot, listSettings, saveSetting } from './sidebar';
