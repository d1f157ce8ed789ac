// A template's language variants: the Templates row named plainly is in the studio's language; the
// same name followed by " (en)" or " (ru)" is its variant for clients of that language
// (`welcome` + `welcome (en)`). A client whose language has no variant gets the plain row.
// Gmail drafts (`draft:<subject>`) have one language: the draft's subject is the mail's subject.
import type { Client, Locale } from '../../domain/types';
import type { Workbook } from '../../sheets';
import { clientLocale, loadTemplate, type MailTemplate } from './mail-merge';

/** `welcome` → `welcome (en)`. */
export function variantRef(ref: string, locale: Locale): string {
  return `${ref.trim()} (${locale})`;
}

export interface TemplateVariants {
  /** The plain template (studio's language), or null when it is missing. */
  base: MailTemplate | null;
  /** The template this client gets, the language it is written in, and whether it fell back to the studio's. */
  forClient(client: Client): { template: MailTemplate | null; locale: Locale; fellBack: boolean };
  /** Every template in use: the plain one and each variant found. */
  all(): MailTemplate[];
}

/** Loads each variant once, on first use. */
export function templateVariants(book: Workbook, ref: string, studioLocale: Locale): TemplateVariants {
  const base = loadTemplate(book, ref);
  const isDraft = ref.trim().toLowerCase().startsWith('draft:');
  const loaded = new Map<Locale, MailTemplate | null>([[studioLocale, base]]);
  const variant = (locale: Locale): MailTemplate | null => {
    if (!loaded.has(locale)) loaded.set(locale, isDraft ? null : loadTemplate(book, variantRef(ref, locale)));
    return loaded.get(locale) ?? null;
  };
  return {
    base,
    forClient(client) {
      const locale = clientLocale(client, studioLocale);
      const own = variant(locale);
      return own
        ? { template: own, locale, fellBack: false }
        : { template: base, locale: studioLocale, fellBack: locale !== studioLocale };
    },
    all() {
      for (const locale of ['ru', 'en'] as const) variant(locale);
      return [...new Set([...loaded.values()].filter((template): template is MailTemplate => template !== null))];
    },
  };
}
