// The bundle's public surface: every named export becomes a top-level function of dist/Code.js
// (menu items, triggers, google.script.run calls, doGet). Nothing else reaches the global scope.
export { onOpen, onInstall } from './app/menu';
// Installed triggers go through app/triggered: each run is recorded, and only the sending account's run works.
export { runNightly, runHourly, continueCampaigns, onFormResponse, runIntakeBacklog } from './app/triggered';
// The nightly's own one-off continuations (created by the run itself, under the account that runs it).
export { continueNightly } from './app/scheduled';
export {
  openSidebar,
  openCampaigns,
  openAutomations,
  openSettings,
  showHelp,
  getBoot,
  listSettings,
  saveSetting,
} from './app/sidebar';
export { runLoyaltyNow, adjustPoints, redeemPoints } from './loyalty/loyalty';
export { getLoyaltyCard } from './loyalty/loyalty-card';
export { issueDiscountCodes, lookupDiscountCode, markDiscountCodeUsed } from './loyalty/discount-codes';
export { setupDatabase, refreshProblems, becomeSendingAccount } from './app/setup';
export { checkInstallation, getInstallationReport } from './app/check-installation';
export { createForms, getForms } from './intake/forms';
export { importCsv, importPasted } from './intake/import';
export { logRequest, markRequestAnswered, listOpenRequests } from './intake/requests';
export { searchClients, getClientCard } from './intake/client-card';
export { refreshAnalysis, runAnalysisNightly } from './analysis/analysis';
export { listSegments, previewSegment, saveSegment, renameSegment, deleteSegment } from './analysis/segments';
export { getOverview, getClientInsights } from './analysis/overview';
export {
  listCampaigns,
  createCampaign,
  previewCampaign,
  confirmCampaign,
  testSendCampaign,
  sendCampaign,
  scheduleCampaign,
  cancelCampaign,
  getCampaignProgress,
  startScheduledCampaigns,
} from './campaigns/campaigns';
export { listAutomations, saveAutomation, forecastAutomation } from './campaigns/automations';
export { doGet, confirmUnsubscribe } from './campaigns/unsubscribe';
export { getClientMails, getFlowActivity, listTemplates } from './campaigns/mail-history';
export {
  connectTelegramBot,
  getTelegramStatus,
  disconnectTelegramBot,
  getTelegramLink,
  getTelegramStaffLink,
  runTelegramPoll,
  replyOnTelegram,
  sendTelegramBroadcast,
  getTelegramBroadcast,
} from './telegram';
