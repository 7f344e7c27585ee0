/** The note editor's DOM ids and focus moves (ids from record ids that may hold any characters). */

const domId = (prefix: string, raw: string) => `${prefix}-${raw.replace(/[^A-Za-z0-9_-]/g, '_')}`;
export const rowDomId = (rowId: string) => domId('sentence', rowId);
export const turnDomId = (turnId: string) => domId('utt', turnId);
export const sectionDomId = (sectionId: string) => domId('section', sectionId);

export function prefersReducedMotion(): boolean {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Bring an element into view and focus it (focus without the browser's own jump). */
export function focusInView(el: HTMLElement | null) {
  if (!el) return;
  el.scrollIntoView({ block: 'center', behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
  el.focus({ preventScroll: true });
}

/** After the button that had focus goes away (signed: no more Sign), start again at the title. */
export function focusTitle() {
  window.setTimeout(() => {
    const h1 = document.querySelector('main h1');
    if (h1 instanceof HTMLElement) h1.focus();
  }, 0);
}

/** What the transcript highlights: a sentence's evidence, or the lines a finding is about. */
export type Selection =
  { kind: 'row'; rowId: string } | { kind: 'lines'; ids: string[]; label: string } | null;
