// ContentService: text outputs a web app returns from doGet/doPost.
import type { Runtime } from '../runtime';
import { signatureError } from './context';
import { createEnum, enumKey } from './enums';

const MIME_TYPES = {
  ATOM: 'application/atom+xml',
  CSV: 'text/csv',
  ICAL: 'text/calendar',
  JAVASCRIPT: 'application/javascript',
  JSON: 'application/json',
  RSS: 'application/rss+xml',
  TEXT: 'text/plain',
  VCARD: 'text/vcard',
  XML: 'text/xml',
} as const;
type MimeKey = keyof typeof MIME_TYPES;

interface TextOutputState {
  content: string;
  mimeType: MimeKey;
  fileName: string | null;
}

export function createContent(rt: Runtime) {
  const MimeType = createEnum('ContentService.MimeType', Object.keys(MIME_TYPES) as MimeKey[]);
  const outputs = new WeakMap<object, TextOutputState>();

  const textOutputOf = (state: TextOutputState) => {
    const output = {
      getContent: () => (rt.call('TextOutput', 'getContent'), state.content),
      setContent(content: unknown) {
        rt.call('TextOutput', 'setContent');
        if (typeof content !== 'string') throw signatureError('TextOutput.setContent', [content]);
        state.content = content;
        return output;
      },
      append(addedContent: unknown) {
        rt.call('TextOutput', 'append');
        if (typeof addedContent !== 'string') throw signatureError('TextOutput.append', [addedContent]);
        state.content += addedContent;
        return output;
      },
      clear() {
        rt.call('TextOutput', 'clear');
        state.content = '';
        return output;
      },
      getMimeType: () => (rt.call('TextOutput', 'getMimeType'), MimeType[state.mimeType]),
      setMimeType(mimeType: unknown) {
        rt.call('TextOutput', 'setMimeType');
        const key = enumKey('ContentService.MimeType', mimeType) as MimeKey | null;
        if (!key) throw signatureError('TextOutput.setMimeType', [mimeType]);
        state.mimeType = key;
        return output;
      },
      downloadAsFile(filename: unknown) {
        rt.call('TextOutput', 'downloadAsFile');
        if (typeof filename !== 'string') throw signatureError('TextOutput.downloadAsFile', [filename]);
        state.fileName = filename;
        return output;
      },
      getFileName: () => (rt.call('TextOutput', 'getFileName'), state.fileName),
    };
    outputs.set(output, state);
    return output;
  };

  const ContentService = {
    MimeType,
    createTextOutput(content?: unknown) {
      rt.call('ContentService', 'createTextOutput');
      if (content !== undefined && typeof content !== 'string')
        throw signatureError('ContentService.createTextOutput', [content]);
      return textOutputOf({ content: content ?? '', mimeType: 'TEXT', fileName: null });
    },
  };

  const host = {
    /** What a web app response carries, when `value` is a TextOutput; null otherwise. */
    describe(value: unknown): { mimeType: string; content: string; fileName: string | null } | null {
      const state = typeof value === 'object' && value !== null ? outputs.get(value) : undefined;
      return state ? { mimeType: MIME_TYPES[state.mimeType], content: state.content, fileName: state.fileName } : null;
    },
    toJSON: () => ({}),
    restore: (_json: unknown) => undefined,
  };

  return { globals: { ContentService }, host };
}

export type ContentHost = ReturnType<typeof createContent>['host'];
