import { LAYOUTS } from '../../notes/layouts.js';
import { findingOf, type ReviewRule } from './types.js';

/** Structural rule: the note has every section of its format, none of them empty. */

export const sectionsComplete: ReviewRule = {
  id: 'sections-complete',
  severity: 'error',
  title: "Every section of the note's format is present and has at least one statement",
  source:
    'DocScrib PRODUCT.md F6 (SOAP, DAP, BIRP, PIRP, GIRP notes; what was not covered is written as "not assessed", never left out) and the section layouts in notes/layouts.ts',
  check({ note }) {
    const out = [];
    const layout = LAYOUTS[note.format];
    for (const section of layout) {
      const present = note.sections.filter((s) => s.id === section.id);
      if (present.length === 0) {
        out.push(
          findingOf(
            sectionsComplete,
            `Section "${section.id}" (${section.heading}) of the ${note.format.toUpperCase()} format is missing`,
            `Add the ${section.heading} section: regenerate the note, or write what the session showed (or "not assessed") there.`,
            { sectionId: section.id },
          ),
        );
      } else if (present.every((s) => s.sentences.length === 0)) {
        out.push(
          findingOf(
            sectionsComplete,
            `Section "${section.id}" (${section.heading}) has no statement`,
            `Write what the session showed for ${section.heading}, or state what was not assessed; an empty section documents nothing.`,
            { sectionId: section.id },
          ),
        );
      }
    }
    return out;
  },
};
