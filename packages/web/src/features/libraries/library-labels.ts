// Labels of the library values. Chinese from @shenggui/domain (the source of truth); English is ours.
import {
  LIBRARY_LABELS,
  type Library,
  OPERATING_STATUS_LABELS,
  type OperatingStatus,
  PATHWAY_LABELS,
  type Pathway,
  type Tier,
} from '@shenggui/domain';
import type { Lang } from '../../app/dictionary';

const EN_LIBRARIES: Record<Library, string> = {
  base: 'Base library',
  cultivation: 'Cultivation library',
  near: 'Near threshold',
  atRisk: 'At risk',
};
const EN_PATHWAYS: Record<Pathway, string> = {
  growth: 'Organic growth',
  merger: 'Merger',
  individual_to_enterprise: 'Individual to enterprise',
  reached_not_reported: 'Reached, not reported',
  new_project: 'New project',
  industry_shift: 'Industry shift',
};
const EN_OPERATING: Record<OperatingStatus, string> = {
  normal: 'Operating normally',
  stopped: 'Stopped',
  half_stopped: 'Half stopped',
};

export const libraryLabel = (lang: Lang, l: Library) => (lang === 'en' ? EN_LIBRARIES[l] : LIBRARY_LABELS[l]);
export const pathwayLabel = (lang: Lang, p: Pathway) => (lang === 'en' ? EN_PATHWAYS[p] : PATHWAY_LABELS[p]);
export const operatingLabel = (lang: Lang, s: OperatingStatus) =>
  lang === 'en' ? EN_OPERATING[s] : OPERATING_STATUS_LABELS[s];

export const TIER_COLORS: Record<Tier, string> = { A: 'green', B: 'blue', C: 'default' };
