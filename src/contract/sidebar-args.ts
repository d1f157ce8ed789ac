// The arguments of every google.script.run function, as runtime schemas (zod/mini, see README "At the
// door"): the server's door parses a call's arguments with its function's schema before anything is
// read, and the argument types of the contract are derived from these (checked in contract-check.ts).
// Shapes only, plus the limits a cell or an id can have; whether an id exists is the function's check.
import * as z from 'zod/v4-mini';

/** Google's limit for one cell; a longer text could never be stored. */
const CELL_CHARS = 50_000;
/** Ids, codes, keys: short, one line (exported for the other pages' schemas, page-args.ts). */
const ID_CHARS = 60;

export const id = z.string().check(z.minLength(1), z.maxLength(ID_CHARS), z.regex(/^[^\r\n]*$/));
const text = z.string().check(z.maxLength(CELL_CHARS));
const name = z.string().check(z.maxLength(500));
const wholeNumber = z.number().check(z.int());
/** ISO time as the sidebar sends it (`toISOString()`, milliseconds allowed), or an ISO day. */
const isoTime = z
  .string()
  .check(z.maxLength(40), z.regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/));
/** A real calendar day: 2027-02-30 is no day, not 2 March. */
function isCalendarDay(value: string): boolean {
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
const realIsoTime = isoTime.check(z.refine(isCalendarDay));
/**
 * A moment to act at: a wall-clock time as typed in the sidebar (`2026-12-05T10:00`, read on the spreadsheet's
 * clock, not the browser's), or an instant with its offset. A real day and a real clock time: no roll-over.
 */
const studioMoment = z
  .string()
  .check(
    z.maxLength(40),
    z.regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?$/),
    z.refine(isCalendarDay),
  );
/** Blank, or one address (the same shape the sheets accept). */
const emailOrBlank = z.string().check(z.maxLength(254), z.regex(/^$|^[^\s@<>,;]+@[^\s@<>,;.]+(\.[^\s@<>,;.]+)+$/));
const importKind = z.enum(['clients', 'orders']);

const ruleValue = z.union([
  z.string().check(z.maxLength(500)),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.union([z.string().check(z.maxLength(500)), z.number(), z.boolean()])).check(z.maxLength(200)),
]);
interface RuleTree {
  match: 'all' | 'any';
  rules: Array<{ field: string; op: string; value?: z.infer<typeof ruleValue> } | RuleTree>;
}
const ruleTree: z.ZodMiniType<RuleTree> = z.object({
  match: z.enum(['all', 'any']),
  get rules() {
    return z
      .array(
        z.union([
          z.object({ field: name, op: z.string().check(z.maxLength(40)), value: z.optional(ruleValue) }),
          ruleTree,
        ]),
      )
      .check(z.maxLength(100));
  },
});
const rules = z.union([text, ruleTree]);

const none = z.tuple([]);

/** Per function, its arguments in order. */
export const SIDEBAR_ARGS = {
  listSettings: none,
  saveSetting: z.tuple([z.string().check(z.minLength(1), z.maxLength(200)), text]),
  getLoyaltyCard: z.tuple([id]),
  adjustPoints: z.tuple([
    z.object({
      clientId: id,
      points: wholeNumber.check(z.gte(-1_000_000), z.lte(1_000_000)),
      reason: z.string().check(z.maxLength(1000)),
      pressId: id,
    }),
  ]),
  redeemPoints: z.tuple([
    z.object({ clientId: id, orderId: id, points: wholeNumber.check(z.gte(1), z.lte(1_000_000)), pressId: id }),
  ]),
  issueDiscountCodes: z.tuple([
    id,
    z.array(id).check(z.minLength(1), z.maxLength(5000)),
    z.number().check(z.gt(0), z.lte(100)),
  ]),
  lookupDiscountCode: z.tuple([id]),
  markDiscountCodeUsed: z.tuple([id, id, id]),
  runLoyaltyNow: none,
  setupDatabase: none,
  refreshProblems: none,
  createForms: none,
  getForms: none,
  importCsv: z.tuple([importKind, text.check(z.minLength(1))]),
  importPasted: z.tuple([importKind, text.check(z.minLength(1))]),
  logRequest: z.tuple([
    z.object({
      clientId: id,
      channel: z.string().check(z.minLength(1), z.maxLength(40)),
      summary: z.string().check(z.minLength(1), z.maxLength(5000)),
      receivedAt: z.optional(realIsoTime),
      pressId: z.optional(id),
    }),
  ]),
  markRequestAnswered: z.tuple([id]),
  listOpenRequests: none,
  searchClients: z.tuple([z.string().check(z.maxLength(200))]),
  getClientCard: z.tuple([id]),
  getOverview: none,
  getClientInsights: z.tuple([id]),
  listSegments: none,
  previewSegment: z.tuple([rules]),
  saveSegment: z.tuple([
    z.object({ id: z.optional(id), name: name.check(z.minLength(1)), rules, pressId: z.optional(id) }),
  ]),
  renameSegment: z.tuple([id, name.check(z.minLength(1))]),
  deleteSegment: z.tuple([id]),
  listCampaigns: none,
  createCampaign: z.tuple([
    z.object({
      name: name.check(z.minLength(1)),
      segmentId: id,
      template: z.string().check(z.minLength(1), z.maxLength(500)),
      senderName: name,
      replyTo: emailOrBlank,
      scheduledAt: z.nullable(studioMoment),
      cost: z.number().check(z.gte(0), z.lte(1e12)),
      pressId: z.optional(id),
    }),
  ]),
  previewCampaign: z.tuple([id, z.optional(z.nullable(id))]),
  confirmCampaign: z.tuple([id]),
  testSendCampaign: z.tuple([id, z.optional(z.nullable(id))]),
  // The count staff confirmed (confirmCampaign): required, so no press can skip the confirmation.
  sendCampaign: z.tuple([id, z.number().check(z.int(), z.minimum(0))]),
  scheduleCampaign: z.tuple([id, studioMoment]),
  cancelCampaign: z.tuple([id]),
  getCampaignProgress: z.tuple([id]),
  listAutomations: none,
  forecastAutomation: z.tuple([z.enum(['welcome', 'feedback', 'winback', 'birthday', 'pointsExpiry', 'tierReached'])]),
  // Telegram: a BotFather token is digits, a colon and about 35 URL-safe characters.
  connectTelegramBot: z.tuple([z.string().check(z.minLength(1), z.maxLength(100))]),
  getTelegramStatus: none,
  disconnectTelegramBot: none,
  getTelegramLink: z.tuple([id]),
  getTelegramStaffLink: none,
  replyOnTelegram: z.tuple([id, z.string().check(z.minLength(1), z.maxLength(4096)), z.optional(id)]),
  saveAutomation: z.tuple([
    z.object({
      flow: z.enum(['welcome', 'feedback', 'winback', 'birthday', 'pointsExpiry', 'tierReached']),
      enabled: z.boolean(),
      delayDays: wholeNumber.check(z.gte(0), z.lte(3650)),
      template: z.string().check(z.maxLength(500)),
    }),
  ]),
  getClientMails: z.tuple([id]),
  getFlowActivity: none,
  listTemplates: none,
} as const;

export type SidebarFunction = keyof typeof SIDEBAR_ARGS;
/** The arguments each function takes, derived from its schema. */
export type SidebarArgs = { [F in SidebarFunction]: z.infer<(typeof SIDEBAR_ARGS)[F]> };

export function isSidebarFunction(name: string): name is SidebarFunction {
  return Object.prototype.hasOwnProperty.call(SIDEBAR_ARGS, name);
}
