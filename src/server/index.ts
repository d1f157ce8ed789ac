// The bundle's public surface: every named export becomes a top-level function of dist/Code.js
// (menu items, triggers, google.script.run calls, doGet). Nothing else reaches the global scope.
export { onOpen, onInstall } from './menu';
export { runNightly, runHourly } from './scheduled';
export { openSidebar, openCampaigns, openAutomations, openSettings, showHelp, getBoot, listSettings, saveSetting } from './sidebar';
export { runLoyaltyNow, getLoyaltyCard, adjustPoints, redeemPoints } from './loyalty';
export { issueDiscountCodes, lookupDiscountCode, markDiscountCodeUsed } from './discountCodes';
export { setupDatabase, refreshProblems } from './database';
export { createForms, getForms } from './forms';
export { onFormResponse, runIntakeBacklog } from './intake';
export { importCsv, importPasted } from './import';
export { logRequest, markRequestAnswered, listOpenRequests } from './requests';
export { searchClients, getClientCard } from './clientCard';
export { refreshAnalysis, runAnalysisNightly } from './analysis';
export { listSegments, previewSegment, saveSegment, renameSegment, deleteSegment } from './segments';
export { getOverview, getClientInsights } from './overview';
export { listCampaigns, createCampaign, previewCampaign, testSendCampaign, sendCampaign, scheduleCampaign, cancelCampaign, getCampaignProgress, continueCampaigns, startScheduledCampaigns } from './campaigns';
export { listAutomations, saveAutomation } from './automations';
export { doGet } from './unsubscribe';
export { getClientMails, getFlowActivity, listTemplates } from './mail-history';
export { connectTelegramBot, getTelegramStatus, disconnectTelegramBot, getTelegramLink, getTelegramStaffLink, runTelegramPoll, replyOnTelegram, sendTelegramBroadcast, getTelegramBroadcast } from './telegram';
