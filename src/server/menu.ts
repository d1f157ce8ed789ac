export function onOpen(): void {
  SpreadsheetApp.getUi().createAddonMenu().addItem('Open sidebar', 'openSidebar').addToUi();
}

export function onInstall(): void {
  onOpen();
}
