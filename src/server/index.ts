// The bundle's public surface: every named export becomes a top-level function of dist/Code.js
// (menu items, triggers, google.script.run calls, doGet). Nothing else reaches the global scope.
// gas-webpack-plugin exposes function declarations only, hence one small function per guarded name.
// Every function of the sidebar contract goes through the door (app/door.ts: its arguments parsed
// before any read); those only triggers and menus run refuse what a page could send.
import { atTheDoor, onlyFromScript } from './app/door';
import * as scheduled from './app/scheduled';
import * as triggered from './app/triggered';
import * as telegram from './telegram';
import * as sidebar from './app/sidebar';
import * as loyalty from './loyalty/loyalty';
import * as loyaltyCard from './loyalty/loyalty-card';
import * as discountCodes from './loyalty/discount-codes';
import * as setup from './app/setup';
import * as forms from './intake/forms';
import * as imports from './intake/import';
import * as requests from './intake/requests';
import * as clientCard from './intake/client-card';
import * as analysis from './analysis/analysis';
import * as segments from './analysis/segments';
import * as overview from './analysis/overview';
import * as campaigns from './campaigns/campaigns';
import * as automations from './campaigns/automations';
import * as mailHistory from './campaigns/mail-history';
import * as installation from './app/check-installation';
import * as unsubscribe from './campaigns/unsubscribe';

// Simple triggers, menu openers and the web app: they read no argument a page could forge to harm
// (doGet checks its signed token itself).
export { onOpen, onInstall } from './app/menu';
export { openSidebar, openCampaigns, openAutomations, openSettings, showHelp } from './app/sidebar';
export { doGet } from './campaigns/unsubscribe';
export { checkInstallation } from './app/check-installation';
export { becomeSendingAccount } from './app/setup';

// Triggers and menu-only actions.
const runNightlyAtDoor = onlyFromScript(triggered.runNightly);
export function runNightly(...args: Parameters<typeof runNightlyAtDoor>): ReturnType<typeof runNightlyAtDoor> {
  return runNightlyAtDoor(...args);
}
const runHourlyAtDoor = onlyFromScript(triggered.runHourly);
export function runHourly(...args: Parameters<typeof runHourlyAtDoor>): ReturnType<typeof runHourlyAtDoor> {
  return runHourlyAtDoor(...args);
}
const onFormResponseAtDoor = onlyFromScript(triggered.onFormResponse);
export function onFormResponse(
  ...args: Parameters<typeof onFormResponseAtDoor>
): ReturnType<typeof onFormResponseAtDoor> {
  return onFormResponseAtDoor(...args);
}
const runIntakeBacklogAtDoor = onlyFromScript(triggered.runIntakeBacklog);
export function runIntakeBacklog(
  ...args: Parameters<typeof runIntakeBacklogAtDoor>
): ReturnType<typeof runIntakeBacklogAtDoor> {
  return runIntakeBacklogAtDoor(...args);
}
const refreshAnalysisAtDoor = onlyFromScript(analysis.refreshAnalysis);
export function refreshAnalysis(
  ...args: Parameters<typeof refreshAnalysisAtDoor>
): ReturnType<typeof refreshAnalysisAtDoor> {
  return refreshAnalysisAtDoor(...args);
}
const runAnalysisNightlyAtDoor = onlyFromScript(analysis.runAnalysisNightly);
export function runAnalysisNightly(
  ...args: Parameters<typeof runAnalysisNightlyAtDoor>
): ReturnType<typeof runAnalysisNightlyAtDoor> {
  return runAnalysisNightlyAtDoor(...args);
}
const continueCampaignsAtDoor = onlyFromScript(triggered.continueCampaigns);
export function continueCampaigns(
  ...args: Parameters<typeof continueCampaignsAtDoor>
): ReturnType<typeof continueCampaignsAtDoor> {
  return continueCampaignsAtDoor(...args);
}
const startScheduledCampaignsAtDoor = onlyFromScript(campaigns.startScheduledCampaigns);
export function startScheduledCampaigns(
  ...args: Parameters<typeof startScheduledCampaignsAtDoor>
): ReturnType<typeof startScheduledCampaignsAtDoor> {
  return startScheduledCampaignsAtDoor(...args);
}

const continueNightlyAtDoor = onlyFromScript(scheduled.continueNightly);
export function continueNightly(
  ...args: Parameters<typeof continueNightlyAtDoor>
): ReturnType<typeof continueNightlyAtDoor> {
  return continueNightlyAtDoor(...args);
}
const runTelegramPollAtDoor = onlyFromScript(telegram.runTelegramPoll);
export function runTelegramPoll(
  ...args: Parameters<typeof runTelegramPollAtDoor>
): ReturnType<typeof runTelegramPollAtDoor> {
  return runTelegramPollAtDoor(...args);
}

// The sidebar contract (src/contract/sidebar-api.ts), each at the door.
const listSettingsAtDoor = atTheDoor('listSettings', sidebar.listSettings);
export function listSettings(...args: Parameters<typeof listSettingsAtDoor>): ReturnType<typeof listSettingsAtDoor> {
  return listSettingsAtDoor(...args);
}
const saveSettingAtDoor = atTheDoor('saveSetting', sidebar.saveSetting);
export function saveSetting(...args: Parameters<typeof saveSettingAtDoor>): ReturnType<typeof saveSettingAtDoor> {
  return saveSettingAtDoor(...args);
}
const runLoyaltyNowAtDoor = atTheDoor('runLoyaltyNow', loyalty.runLoyaltyNow);
export function runLoyaltyNow(...args: Parameters<typeof runLoyaltyNowAtDoor>): ReturnType<typeof runLoyaltyNowAtDoor> {
  return runLoyaltyNowAtDoor(...args);
}
const adjustPointsAtDoor = atTheDoor('adjustPoints', loyalty.adjustPoints);
export function adjustPoints(...args: Parameters<typeof adjustPointsAtDoor>): ReturnType<typeof adjustPointsAtDoor> {
  return adjustPointsAtDoor(...args);
}
const redeemPointsAtDoor = atTheDoor('redeemPoints', loyalty.redeemPoints);
export function redeemPoints(...args: Parameters<typeof redeemPointsAtDoor>): ReturnType<typeof redeemPointsAtDoor> {
  return redeemPointsAtDoor(...args);
}
const getLoyaltyCardAtDoor = atTheDoor('getLoyaltyCard', loyaltyCard.getLoyaltyCard);
export function getLoyaltyCard(
  ...args: Parameters<typeof getLoyaltyCardAtDoor>
): ReturnType<typeof getLoyaltyCardAtDoor> {
  return getLoyaltyCardAtDoor(...args);
}
const issueDiscountCodesAtDoor = atTheDoor('issueDiscountCodes', discountCodes.issueDiscountCodes);
export function issueDiscountCodes(
  ...args: Parameters<typeof issueDiscountCodesAtDoor>
): ReturnType<typeof issueDiscountCodesAtDoor> {
  return issueDiscountCodesAtDoor(...args);
}
const lookupDiscountCodeAtDoor = atTheDoor('lookupDiscountCode', discountCodes.lookupDiscountCode);
export function lookupDiscountCode(
  ...args: Parameters<typeof lookupDiscountCodeAtDoor>
): ReturnType<typeof lookupDiscountCodeAtDoor> {
  return lookupDiscountCodeAtDoor(...args);
}
const markDiscountCodeUsedAtDoor = atTheDoor('markDiscountCodeUsed', discountCodes.markDiscountCodeUsed);
export function markDiscountCodeUsed(
  ...args: Parameters<typeof markDiscountCodeUsedAtDoor>
): ReturnType<typeof markDiscountCodeUsedAtDoor> {
  return markDiscountCodeUsedAtDoor(...args);
}
const setupDatabaseAtDoor = atTheDoor('setupDatabase', setup.setupDatabase);
export function setupDatabase(...args: Parameters<typeof setupDatabaseAtDoor>): ReturnType<typeof setupDatabaseAtDoor> {
  return setupDatabaseAtDoor(...args);
}
const refreshProblemsAtDoor = atTheDoor('refreshProblems', setup.refreshProblems);
export function refreshProblems(
  ...args: Parameters<typeof refreshProblemsAtDoor>
): ReturnType<typeof refreshProblemsAtDoor> {
  return refreshProblemsAtDoor(...args);
}
const createFormsAtDoor = atTheDoor('createForms', forms.createForms);
export function createForms(...args: Parameters<typeof createFormsAtDoor>): ReturnType<typeof createFormsAtDoor> {
  return createFormsAtDoor(...args);
}
const getFormsAtDoor = atTheDoor('getForms', forms.getForms);
export function getForms(...args: Parameters<typeof getFormsAtDoor>): ReturnType<typeof getFormsAtDoor> {
  return getFormsAtDoor(...args);
}
const importCsvAtDoor = atTheDoor('importCsv', imports.importCsv);
export function importCsv(...args: Parameters<typeof importCsvAtDoor>): ReturnType<typeof importCsvAtDoor> {
  return importCsvAtDoor(...args);
}
const importPastedAtDoor = atTheDoor('importPasted', imports.importPasted);
export function importPasted(...args: Parameters<typeof importPastedAtDoor>): ReturnType<typeof importPastedAtDoor> {
  return importPastedAtDoor(...args);
}
const logRequestAtDoor = atTheDoor('logRequest', requests.logRequest);
export function logRequest(...args: Parameters<typeof logRequestAtDoor>): ReturnType<typeof logRequestAtDoor> {
  return logRequestAtDoor(...args);
}
const markRequestAnsweredAtDoor = atTheDoor('markRequestAnswered', requests.markRequestAnswered);
export function markRequestAnswered(
  ...args: Parameters<typeof markRequestAnsweredAtDoor>
): ReturnType<typeof markRequestAnsweredAtDoor> {
  return markRequestAnsweredAtDoor(...args);
}
const listOpenRequestsAtDoor = atTheDoor('listOpenRequests', requests.listOpenRequests);
export function listOpenRequests(
  ...args: Parameters<typeof listOpenRequestsAtDoor>
): ReturnType<typeof listOpenRequestsAtDoor> {
  return listOpenRequestsAtDoor(...args);
}
const searchClientsAtDoor = atTheDoor('searchClients', clientCard.searchClients);
export function searchClients(...args: Parameters<typeof searchClientsAtDoor>): ReturnType<typeof searchClientsAtDoor> {
  return searchClientsAtDoor(...args);
}
const getClientCardAtDoor = atTheDoor('getClientCard', clientCard.getClientCard);
export function getClientCard(...args: Parameters<typeof getClientCardAtDoor>): ReturnType<typeof getClientCardAtDoor> {
  return getClientCardAtDoor(...args);
}
const listSegmentsAtDoor = atTheDoor('listSegments', segments.listSegments);
export function listSegments(...args: Parameters<typeof listSegmentsAtDoor>): ReturnType<typeof listSegmentsAtDoor> {
  return listSegmentsAtDoor(...args);
}
const previewSegmentAtDoor = atTheDoor('previewSegment', segments.previewSegment);
export function previewSegment(
  ...args: Parameters<typeof previewSegmentAtDoor>
): ReturnType<typeof previewSegmentAtDoor> {
  return previewSegmentAtDoor(...args);
}
const saveSegmentAtDoor = atTheDoor('saveSegment', segments.saveSegment);
export function saveSegment(...args: Parameters<typeof saveSegmentAtDoor>): ReturnType<typeof saveSegmentAtDoor> {
  return saveSegmentAtDoor(...args);
}
const renameSegmentAtDoor = atTheDoor('renameSegment', segments.renameSegment);
export function renameSegment(...args: Parameters<typeof renameSegmentAtDoor>): ReturnType<typeof renameSegmentAtDoor> {
  return renameSegmentAtDoor(...args);
}
const deleteSegmentAtDoor = atTheDoor('deleteSegment', segments.deleteSegment);
export function deleteSegment(...args: Parameters<typeof deleteSegmentAtDoor>): ReturnType<typeof deleteSegmentAtDoor> {
  return deleteSegmentAtDoor(...args);
}
const getOverviewAtDoor = atTheDoor('getOverview', overview.getOverview);
export function getOverview(...args: Parameters<typeof getOverviewAtDoor>): ReturnType<typeof getOverviewAtDoor> {
  return getOverviewAtDoor(...args);
}
const getClientInsightsAtDoor = atTheDoor('getClientInsights', overview.getClientInsights);
export function getClientInsights(
  ...args: Parameters<typeof getClientInsightsAtDoor>
): ReturnType<typeof getClientInsightsAtDoor> {
  return getClientInsightsAtDoor(...args);
}
const listCampaignsAtDoor = atTheDoor('listCampaigns', campaigns.listCampaigns);
export function listCampaigns(...args: Parameters<typeof listCampaignsAtDoor>): ReturnType<typeof listCampaignsAtDoor> {
  return listCampaignsAtDoor(...args);
}
const createCampaignAtDoor = atTheDoor('createCampaign', campaigns.createCampaign);
export function createCampaign(
  ...args: Parameters<typeof createCampaignAtDoor>
): ReturnType<typeof createCampaignAtDoor> {
  return createCampaignAtDoor(...args);
}
const previewCampaignAtDoor = atTheDoor('previewCampaign', campaigns.previewCampaign);
export function previewCampaign(
  ...args: Parameters<typeof previewCampaignAtDoor>
): ReturnType<typeof previewCampaignAtDoor> {
  return previewCampaignAtDoor(...args);
}
const testSendCampaignAtDoor = atTheDoor('testSendCampaign', campaigns.testSendCampaign);
export function testSendCampaign(
  ...args: Parameters<typeof testSendCampaignAtDoor>
): ReturnType<typeof testSendCampaignAtDoor> {
  return testSendCampaignAtDoor(...args);
}
const sendCampaignAtDoor = atTheDoor('sendCampaign', campaigns.sendCampaign);
export function sendCampaign(...args: Parameters<typeof sendCampaignAtDoor>): ReturnType<typeof sendCampaignAtDoor> {
  return sendCampaignAtDoor(...args);
}
const scheduleCampaignAtDoor = atTheDoor('scheduleCampaign', campaigns.scheduleCampaign);
export function scheduleCampaign(
  ...args: Parameters<typeof scheduleCampaignAtDoor>
): ReturnType<typeof scheduleCampaignAtDoor> {
  return scheduleCampaignAtDoor(...args);
}
const cancelCampaignAtDoor = atTheDoor('cancelCampaign', campaigns.cancelCampaign);
export function cancelCampaign(
  ...args: Parameters<typeof cancelCampaignAtDoor>
): ReturnType<typeof cancelCampaignAtDoor> {
  return cancelCampaignAtDoor(...args);
}
const getCampaignProgressAtDoor = atTheDoor('getCampaignProgress', campaigns.getCampaignProgress);
export function getCampaignProgress(
  ...args: Parameters<typeof getCampaignProgressAtDoor>
): ReturnType<typeof getCampaignProgressAtDoor> {
  return getCampaignProgressAtDoor(...args);
}
const listAutomationsAtDoor = atTheDoor('listAutomations', automations.listAutomations);
export function listAutomations(
  ...args: Parameters<typeof listAutomationsAtDoor>
): ReturnType<typeof listAutomationsAtDoor> {
  return listAutomationsAtDoor(...args);
}
const saveAutomationAtDoor = atTheDoor('saveAutomation', automations.saveAutomation);
export function saveAutomation(
  ...args: Parameters<typeof saveAutomationAtDoor>
): ReturnType<typeof saveAutomationAtDoor> {
  return saveAutomationAtDoor(...args);
}
const getClientMailsAtDoor = atTheDoor('getClientMails', mailHistory.getClientMails);
export function getClientMails(
  ...args: Parameters<typeof getClientMailsAtDoor>
): ReturnType<typeof getClientMailsAtDoor> {
  return getClientMailsAtDoor(...args);
}
const getFlowActivityAtDoor = atTheDoor('getFlowActivity', mailHistory.getFlowActivity);
export function getFlowActivity(
  ...args: Parameters<typeof getFlowActivityAtDoor>
): ReturnType<typeof getFlowActivityAtDoor> {
  return getFlowActivityAtDoor(...args);
}
const listTemplatesAtDoor = atTheDoor('listTemplates', mailHistory.listTemplates);
export function listTemplates(...args: Parameters<typeof listTemplatesAtDoor>): ReturnType<typeof listTemplatesAtDoor> {
  return listTemplatesAtDoor(...args);
}
const confirmCampaignAtDoor = atTheDoor('confirmCampaign', campaigns.confirmCampaign);
export function confirmCampaign(
  ...args: Parameters<typeof confirmCampaignAtDoor>
): ReturnType<typeof confirmCampaignAtDoor> {
  return confirmCampaignAtDoor(...args);
}
const forecastAutomationAtDoor = atTheDoor('forecastAutomation', automations.forecastAutomation);
export function forecastAutomation(
  ...args: Parameters<typeof forecastAutomationAtDoor>
): ReturnType<typeof forecastAutomationAtDoor> {
  return forecastAutomationAtDoor(...args);
}
const connectTelegramBotAtDoor = atTheDoor('connectTelegramBot', telegram.connectTelegramBot);
export function connectTelegramBot(
  ...args: Parameters<typeof connectTelegramBotAtDoor>
): ReturnType<typeof connectTelegramBotAtDoor> {
  return connectTelegramBotAtDoor(...args);
}
const getTelegramStatusAtDoor = atTheDoor('getTelegramStatus', telegram.getTelegramStatus);
export function getTelegramStatus(
  ...args: Parameters<typeof getTelegramStatusAtDoor>
): ReturnType<typeof getTelegramStatusAtDoor> {
  return getTelegramStatusAtDoor(...args);
}
const disconnectTelegramBotAtDoor = atTheDoor('disconnectTelegramBot', telegram.disconnectTelegramBot);
export function disconnectTelegramBot(
  ...args: Parameters<typeof disconnectTelegramBotAtDoor>
): ReturnType<typeof disconnectTelegramBotAtDoor> {
  return disconnectTelegramBotAtDoor(...args);
}
const getTelegramLinkAtDoor = atTheDoor('getTelegramLink', telegram.getTelegramLink);
export function getTelegramLink(
  ...args: Parameters<typeof getTelegramLinkAtDoor>
): ReturnType<typeof getTelegramLinkAtDoor> {
  return getTelegramLinkAtDoor(...args);
}
const getTelegramStaffLinkAtDoor = atTheDoor('getTelegramStaffLink', telegram.getTelegramStaffLink);
export function getTelegramStaffLink(
  ...args: Parameters<typeof getTelegramStaffLinkAtDoor>
): ReturnType<typeof getTelegramStaffLinkAtDoor> {
  return getTelegramStaffLinkAtDoor(...args);
}
const replyOnTelegramAtDoor = atTheDoor('replyOnTelegram', telegram.replyOnTelegram);
export function replyOnTelegram(
  ...args: Parameters<typeof replyOnTelegramAtDoor>
): ReturnType<typeof replyOnTelegramAtDoor> {
  return replyOnTelegramAtDoor(...args);
}

// The other pages' calls (src/contract/page-api.ts: the Check installation dialog, the unsubscribe page, the
// Telegram broadcast), each at the door too.
const getInstallationReportAtDoor = atTheDoor('getInstallationReport', installation.getInstallationReport);
export function getInstallationReport(
  ...args: Parameters<typeof getInstallationReportAtDoor>
): ReturnType<typeof getInstallationReportAtDoor> {
  return getInstallationReportAtDoor(...args);
}
const confirmUnsubscribeAtDoor = atTheDoor('confirmUnsubscribe', unsubscribe.confirmUnsubscribe);
export function confirmUnsubscribe(
  ...args: Parameters<typeof confirmUnsubscribeAtDoor>
): ReturnType<typeof confirmUnsubscribeAtDoor> {
  return confirmUnsubscribeAtDoor(...args);
}
const sendTelegramBroadcastAtDoor = atTheDoor('sendTelegramBroadcast', telegram.sendTelegramBroadcast);
export function sendTelegramBroadcast(
  ...args: Parameters<typeof sendTelegramBroadcastAtDoor>
): ReturnType<typeof sendTelegramBroadcastAtDoor> {
  return sendTelegramBroadcastAtDoor(...args);
}
const getTelegramBroadcastAtDoor = atTheDoor('getTelegramBroadcast', telegram.getTelegramBroadcast);
export function getTelegramBroadcast(
  ...args: Parameters<typeof getTelegramBroadcastAtDoor>
): ReturnType<typeof getTelegramBroadcastAtDoor> {
  return getTelegramBroadcastAtDoor(...args);
}
