// The two languages staff and clients read; imports nothing, so the domain and the catalogs can share it.
export type Locale = 'ru' | 'en';
