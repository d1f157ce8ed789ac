// Google's own "Mail merge" sample (googleworkspace/apps-script-samples, solutions/automations/mail-merge)
// as a yardstick for our sending. Written here from its published shape, not copied: find the Gmail draft
// by subject, read the sheet once with getDataRange().getDisplayValues(), fill the draft's {{Column}}
// tokens per row, GmailApp.sendEmail each unsent row, and write the "Email Sent" column once at the end.
// Run in the same emulator, priced the same way; a kill mid-run shows what writing once at the end costs.
import { createEmulator } from '../emulator';
import { loadBundleSource } from '../emulator/bundle';
import { countedStep, type BenchCase } from './harness';

const SAMPLE_EQUIVALENT = String.raw`
var RECIPIENT_COL = 'Recipient';
var EMAIL_SENT_COL = 'Email Sent';

function sendEmails(subjectLine) {
  var sheet = SpreadsheetApp.getActiveSheet();
  var template = draftBySubject(subjectLine);
  var rows = sheet.getDataRange().getDisplayValues();
  var heads = rows.shift();
  var sentColumn = heads.indexOf(EMAIL_SENT_COL);
  var out = [];
  rows.forEach(function (row) {
    var record = {};
    heads.forEach(function (head, i) { record[head] = row[i]; });
    if (record[EMAIL_SENT_COL] === '') {
      try {
        var mail = fillTokens(template.message, record);
        GmailApp.sendEmail(record[RECIPIENT_COL], mail.subject, mail.text, { htmlBody: mail.html, attachments: template.attachments });
        out.push([new Date()]);
      } catch (e) {
        out.push([e.message]);
      }
    } else {
      out.push([record[EMAIL_SENT_COL]]);
    }
  });
  sheet.getRange(2, sentColumn + 1, out.length).setValues(out);
}

function draftBySubject(subjectLine) {
  var drafts = GmailApp.getDrafts();
  var draft = drafts.filter(function (d) { return d.getMessage().getSubject() === subjectLine; })[0];
  var message = draft.getMessage();
  return {
    message: { subject: subjectLine, text: message.getPlainBody(), html: message.getBody() },
    attachments: message.getAttachments({ includeInlineImages: false }),
  };
}

function fillTokens(template, record) {
  var json = JSON.stringify(template).replace(/{{[^{}]+}}/g, function (token) {
    var value = record[token.replace(/[{}]+/g, '')] || '';
    return JSON.stringify(value).slice(1, -1);
  });
  return JSON.parse(json);
}
`;

const SUBJECT = 'Новые эмоуты для {{Name}}';

function mergeWorld(recipients: number) {
  const emu = createEmulator({ now: '2026-11-24T09:00:00Z', locale: 'ru', mailQuota: recipients });
  const app = loadBundleSource(emu, SAMPLE_EQUIVALENT, 'mail-merge.gs');
  emu.mail.addDraft({
    subject: SUBJECT,
    body: 'Привет, {{Name}}! {{City}}',
    htmlBody: '<p>Привет, {{Name}}!</p><p>{{City}}</p>',
  });
  const rows = [
    ['Recipient', 'Name', 'City', 'Email Sent'],
    ...Array.from({ length: recipients }, (_, i) => [
      `c-${i + 1}@example.com`,
      `Клиент ${i + 1}`,
      i % 3 === 0 ? 'Казань' : '',
      '',
    ]),
  ];
  emu.rt.internal(() =>
    emu.withContext({ kind: 'test', authMode: 'FULL' }, () => {
      const globals = emu.globals() as {
        SpreadsheetApp: {
          getActiveSheet(): {
            getRange(r: number, c: number, nr: number, nc: number): { setValues(v: string[][]): void };
          };
        };
      };
      const sheet = globals.SpreadsheetApp.getActiveSheet();
      sheet.getRange(1, 1, rows.length, 4).setValues(rows);
    }),
  );
  return { emu, app };
}

/** Recipients of the outbox who got the mail more than once: the duplicates. */
export function duplicateMails(outbox: ReadonlyArray<{ to: readonly string[] }>): number {
  const seen = new Map<string, number>();
  for (const mail of outbox) {
    const to = mail.to.join(',');
    seen.set(to, (seen.get(to) ?? 0) + 1);
  }
  return [...seen.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
}

/** Lets the `after`-th call of `method` through, then kills the execution at its next call of anything. */
export function killAfterCalls(rt: ReturnType<typeof createEmulator>['rt'], method: string, after: number): void {
  let seen = 0;
  rt.onCall = (call) => {
    if (call !== method) return;
    seen += 1;
    if (seen === after) rt.killExecutionsAfter(0);
  };
}

const MAILS = 100;

export const cases: BenchCase[] = [
  {
    operation: `Google mail-merge sample: ${MAILS} mails`,
    sizes: [MAILS],
    prepare(size) {
      const { emu, app } = mergeWorld(size);
      const step = countedStep(emu, () => app.run('sendEmails', [SUBJECT], { kind: 'menu' }), `${size} recipients`);
      return {
        ...step,
        units: { count: size, name: 'mail' },
        note: () => {
          // The same run killed after half the mails, then run again as a user would.
          const killed = mergeWorld(size);
          killAfterCalls(killed.emu.rt, 'GmailApp.sendEmail', size / 2);
          try {
            killed.app.run('sendEmails', [SUBJECT], { kind: 'menu' });
          } catch {
            // The kill is the point: nothing of the "Email Sent" column was written.
          }
          killed.emu.rt.onCall = null;
          killed.emu.rt.clearFaults();
          killed.emu.mail.setQuota(size * 2);
          killed.app.run('sendEmails', [SUBJECT], { kind: 'menu' });
          return `killed after ${size / 2} mails and run again: ${duplicateMails(killed.emu.mail.outbox)} duplicates`;
        },
      };
    },
  },
];
