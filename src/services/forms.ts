// The thin adapter over FormApp: builds a form from its pure description, reopens it, and makes
// prefilled links. What the questions are lives in src/domain/schema/intake.ts.
import type { FormDefinition, Question } from '../domain/schema';

export interface BuiltForm {
  id: string;
  publishedUrl: string;
  /** Question title as built → the field it fills. */
  titles: Record<string, string>;
}

/** Creates the form, its questions in order, and sends its responses to the spreadsheet. */
export function buildForm(definition: FormDefinition, spreadsheetId: string): BuiltForm {
  const form = FormApp.create(definition.title);
  form.setDescription(definition.description);
  for (const question of definition.questions) addQuestion(form, question);
  form.setDestination(FormApp.DestinationType.SPREADSHEET, spreadsheetId);
  const titles = Object.fromEntries(definition.questions.map((question) => [question.title, question.field]));
  return { id: form.getId(), publishedUrl: form.getPublishedUrl(), titles };
}

/** Adds questions a form built by an older version lacks; answers their titles → fields. */
export function addQuestions(
  form: GoogleAppsScript.Forms.Form,
  questions: readonly Question[],
): Record<string, string> {
  for (const question of questions) addQuestion(form, question);
  return Object.fromEntries(questions.map((question) => [question.title, question.field]));
}

function addQuestion(form: GoogleAppsScript.Forms.Form, question: Question): void {
  switch (question.type) {
    case 'text':
      form.addTextItem().setTitle(question.title).setRequired(question.required);
      return;
    case 'email':
      form
        .addTextItem()
        .setTitle(question.title)
        .setRequired(question.required)
        .setValidation(FormApp.createTextValidation().requireTextIsEmail().build());
      return;
    case 'paragraph':
      form.addParagraphTextItem().setTitle(question.title).setRequired(question.required);
      return;
    case 'choice':
      form
        .addMultipleChoiceItem()
        .setTitle(question.title)
        .setChoiceValues(question.choices ?? [])
        .setRequired(question.required);
      return;
    case 'consent':
      form
        .addCheckboxItem()
        .setTitle(question.title)
        .setChoiceValues(question.choices ?? [])
        .setRequired(question.required);
      return;
    case 'date':
      form.addDateItem().setTitle(question.title).setRequired(question.required);
      return;
    case 'scale': {
      const [low, high] = question.bounds ?? [1, 5];
      form.addScaleItem().setTitle(question.title).setBounds(low, high).setRequired(question.required);
      return;
    }
  }
}

/** The form, or null when it was deleted or cannot be opened any more. */
export function openForm(id: string): GoogleAppsScript.Forms.Form | null {
  if (!id) return null;
  try {
    return FormApp.openById(id);
  } catch {
    return null;
  }
}

/** Sets the choice of the consent box to the current text (the text lives in Settings). */
export function setConsentText(form: GoogleAppsScript.Forms.Form, title: string, text: string): void {
  const item = form.getItems(FormApp.ItemType.CHECKBOX).find((candidate) => candidate.getTitle() === title);
  if (!item) return;
  const checkbox = item.asCheckboxItem();
  const current = checkbox.getChoices().map((choice) => choice.getValue());
  if (current.length !== 1 || current[0] !== text) checkbox.setChoiceValues([text]);
}

/** A prefilled link with `placeholder` in the text question titled `title`. */
/** A prefilled link with each text question (by title) answered by its placeholder. */
export function prefilledLink(
  form: GoogleAppsScript.Forms.Form,
  answers: ReadonlyArray<[title: string, placeholder: string]>,
): string {
  const items = form.getItems(FormApp.ItemType.TEXT);
  const response = form.createResponse();
  for (const [title, placeholder] of answers) {
    const item = items.find((candidate) => candidate.getTitle() === title);
    if (!item) throw new Error(`the form has no question "${title}"`);
    response.withItemResponse(item.asTextItem().createResponse(placeholder));
  }
  return response.toPrefilledUrl();
}

export function responseCount(form: GoogleAppsScript.Forms.Form): number {
  return form.getResponses().length;
}
