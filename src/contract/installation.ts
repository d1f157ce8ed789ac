// What the Check installation dialog receives from getInstallationReport: sentences already in the staff's language.

export type CheckStatus = 'ok' | 'warning' | 'problem';

export interface InstallationCheck {
  /** Which item: account, trigger:<handler>, zones, webApp, mailQuota, runTime, runs:<handler>. */
  id: string;
  status: CheckStatus;
  title: string;
  detail: string;
  /** What to do about it; '' when nothing. */
  fix: string;
}

export interface InstallationReport {
  title: string;
  checks: InstallationCheck[];
}
