// Menu "Create forms": the registration and feedback forms in the studio's language, their triggers,
// and what the sidebar's Forms section and the campaigns need (links, counts, prefilled feedback links).
import type { FormsView, FormView } from '../../contract/sidebar-api';
import {
  DEFAULT_CONSENT_TEXT,
  EMAIL_PLACEHOLDER,
  feedbackForm,
  feedbackLinkFromTemplate,
  ORDER_PLACEHOLDER,
  registrationForm,
  signedOrderReference,
  type FormDefinition,
  type FormKind,
  type FormPlan,
  type Wording,
} from '../../domain/schema';
import type { Locale } from '../../domain/types';
import { translate } from '../../i18n';
import { findSheet, readCoreSettings, readSettingsFor } from '../../sheets';
import { addQuestions, buildForm, openForm, prefilledLink, responseCount, setConsentText } from '../../services/forms';
import { writeJsonProperty } from '../../services/properties';
import { makeSigner } from '../../services/signer';
import { FORM_PROPERTY, storedForm, type StoredForm } from './intake';
import { UserFacingError } from '../app/respond';
import { asStaff, tell } from '../app/staff';
import { installStudioTriggers, triggerSentence } from '../app/setup';

/** The planned form in the workbook's language, as Google builds it. */
function formIn(locale: Locale, plan: FormPlan): FormDefinition {
  const words = (wording: Wording) =>
    'text' in wording ? wording.text : translate(locale, wording.key, wording.params);
  return {
    kind: plan.kind,
    title: words(plan.title),
    description: words(plan.description),
    questions: plan.questions.map(({ title, choices, ...question }) => ({
      ...question,
      title: translate(locale, title),
      ...(choices ? { choices: choices.map(words) } : {}),
    })),
  };
}

/** Creates the forms that are missing (reuses the ones that exist), links them, installs their triggers once. */
export function createForms(): FormsView {
  return asStaff((book, locale) => {
    if (!findSheet(book, 'clients')) throw new UserFacingError('database.setupFirst');
    const core = readCoreSettings(book).settings;
    const defaultConsent = translate(book.locale, DEFAULT_CONSENT_TEXT);
    const consentText =
      readSettingsFor(book, { consentText: defaultConsent }, 'forms').overrides.consentText ?? defaultConsent;
    const spreadsheetId = book.spreadsheet.getId();
    let created = 0;
    for (const kind of ['registration', 'feedback'] as const) {
      const definition = formIn(
        book.locale,
        kind === 'registration' ? registrationForm(core.studioName, consentText) : feedbackForm(core.studioName),
      );
      const stored = storedForm(kind);
      let form = stored ? openForm(stored.id) : null;
      let record: StoredForm;
      if (form && stored) {
        // A form from before a question was added (e.g. the friend's referral code) gets it now.
        const known = new Set(Object.values(stored.titles));
        const missing = definition.questions.filter((question) => !known.has(question.field));
        record = { ...stored, titles: { ...stored.titles, ...addQuestions(form, missing) } };
      } else {
        const built = buildForm(definition, spreadsheetId);
        form = openForm(built.id);
        record = { id: built.id, publishedUrl: built.publishedUrl, titles: built.titles };
        created += 1;
      }
      if (!form) throw new Error(`form ${record.id} cannot be opened`);
      if (kind === 'registration') {
        const consentTitle = Object.keys(record.titles).find((title) => record.titles[title] === 'consent');
        if (consentTitle) setConsentText(form, consentTitle, consentText);
        record.consentVersion = core.consentVersion;
      } else if (!record.prefillTemplate?.includes(encodeURIComponent(EMAIL_PLACEHOLDER))) {
        // Made again for a form from before the email question: the link fills in the recipient's address too.
        const titleOf = (field: string) => Object.keys(record.titles).find((title) => record.titles[title] === field);
        const emailTitle = titleOf('email');
        record.prefillTemplate = prefilledLink(form, [
          [titleOf('orderId') ?? '', ORDER_PLACEHOLDER],
          ...(emailTitle ? [[emailTitle, EMAIL_PLACEHOLDER] as [string, string]] : []),
        ]);
      }
      writeJsonProperty(FORM_PROPERTY[kind], record);
    }
    // The form-submit triggers, like every studio trigger, are installed only by the sending account.
    const install = installStudioTriggers(book);
    const triggers = install.installedBy === 'me' ? install.created : 0;
    const view = formsView(false);
    const done = translate(locale, 'database.forms.done', { created, triggers, url: view.registration?.url ?? '' });
    const owner = triggerSentence(locale, install);
    tell(owner ? `${done} ${owner}` : done, locale);
    return view;
  });
}

/** The Forms section: links, response counts, and the registration link the sidebar draws as a QR code. */
export function getForms(): FormsView {
  return asStaff(() => formsView(true));
}

function formsView(withCounts: boolean): FormsView {
  const view = (kind: FormKind): FormView | null => {
    const stored = storedForm(kind);
    if (!stored) return null;
    const form = withCounts ? openForm(stored.id) : null;
    return { formId: stored.id, url: stored.publishedUrl, responses: form ? responseCount(form) : null };
  };
  const registration = view('registration');
  return { registration, feedback: view('feedback'), qrText: registration?.url ?? null };
}

/**
 * Feedback-form links with the order reference (signed with the recipient's address) and that address filled
 * in, from one read of the stored form and of the signing secret (a mail run links every recipient's order).
 */
export function feedbackLinker(): (orderId: string, email: string) => string {
  const template = storedForm('feedback')?.prefillTemplate;
  if (!template) throw new UserFacingError('database.forms.notCreated');
  const sign = makeSigner();
  return (orderId, email) => feedbackLinkFromTemplate(template, signedOrderReference(orderId, email, sign), email);
}
