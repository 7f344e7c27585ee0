/**
 * Reading the intervention catalogue (`GET /api/toolkit`) in the web app: names and modalities by
 * id (with the notes' label when the catalogue is not loaded), filtering for the browse view.
 * Pure.
 */
import { interventionLabel } from '../../format';
import type { ToolkitCatalog, ToolkitIntervention } from './toolkit-types';

export interface InterventionName {
  name: string;
  /** '' when not known (catalogue not loaded, or an id it no longer has). */
  modality: string;
  consentExpected: boolean;
}

export type CatalogueIndex = ReadonlyMap<string, ToolkitIntervention>;

export function indexCatalogue(catalogue: ToolkitCatalog | null): CatalogueIndex {
  return new Map((catalogue?.interventions ?? []).map((i) => [i.id, i]));
}

export function nameOf(index: CatalogueIndex, id: string): InterventionName {
  const i = index.get(id);
  return i
    ? { name: i.name, modality: i.modality, consentExpected: i.consentExpected }
    : { name: interventionLabel(id), modality: '', consentExpected: false };
}

/** "Name (Modality)" for lists and option labels. */
export function nameWithModality(index: CatalogueIndex, id: string): string {
  const n = nameOf(index, id);
  return n.modality !== '' ? `${n.name} (${n.modality})` : n.name;
}

/** The catalogue's modalities, sorted, once each. */
export function modalities(catalogue: ToolkitCatalog): string[] {
  return [...new Set(catalogue.interventions.map((i) => i.modality))].sort((a, b) =>
    a.localeCompare(b),
  );
}

export interface CatalogueFilter {
  modality: string;
  concern: string;
  text: string;
}

/**
 * The interventions that match the filter: the modality ('' any), the concern id ('' any;
 * listed by the concern or naming it), and every word of the text in the name, modality,
 * description or use cases.
 */
export function filterCatalogue(
  catalogue: ToolkitCatalog,
  filter: CatalogueFilter,
): ToolkitIntervention[] {
  const concern = catalogue.concerns.find((c) => c.id === filter.concern);
  const words = filter.text
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '');
  return catalogue.interventions.filter((i) => {
    if (filter.modality !== '' && i.modality !== filter.modality) return false;
    if (
      filter.concern !== '' &&
      !i.concerns.includes(filter.concern) &&
      !(concern?.interventions.includes(i.id) ?? false)
    ) {
      return false;
    }
    if (words.length === 0) return true;
    const hay = [i.name, i.modality, i.description, ...i.useCases].join(' ').toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** The catalogue's interventions grouped by modality (sorted), for pickers. */
export function byModality(
  catalogue: ToolkitCatalog | null,
): { modality: string; items: ToolkitIntervention[] }[] {
  if (catalogue === null) return [];
  return modalities(catalogue).map((modality) => ({
    modality,
    items: catalogue.interventions
      .filter((i) => i.modality === modality)
      .sort((a, b) => a.name.localeCompare(b.name)),
  }));
}
