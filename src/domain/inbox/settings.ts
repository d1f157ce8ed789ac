// The inbox step's knobs; the Settings sheet overrides them with keys `inbox.<field>`.

export interface InboxSettings {
  /** Soft bounces (4.x.x) in a row on one address before it is suppressed like a hard bounce. */
  softBouncesToSuppress: number;
  /** A sending campaign pauses itself when more than this share of its sent mail bounced… */
  bounceRateToPause: number;
  /** …once at least this many of its mails went out (a small sample says little). */
  bounceRateMinimumSent: number;
  /** Mail from an address no client has also becomes a request (otherwise only known clients' mail). */
  requestsFromAnyone: boolean;
  /** At most this many threads read per hourly run (Gmail calls are the cost). */
  threadsPerRun: number;
  /** The widest span of mail one search covers, in hours; a busy span is halved until it fits the budget. */
  windowHours: number;
}

export const DEFAULT_INBOX_SETTINGS: Readonly<InboxSettings> = {
  softBouncesToSuppress: 3,
  bounceRateToPause: 0.08,
  bounceRateMinimumSent: 20,
  requestsFromAnyone: false,
  threadsPerRun: 100,
  windowHours: 168,
};
