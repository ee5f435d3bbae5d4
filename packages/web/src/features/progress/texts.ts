import { useCallback } from 'react';
import type { Vars } from '../../app/dictionary';
import { useI18n } from '../../app/i18n';
import { type ProgressTextKey, progressText } from '../../lib/progress-dictionary';

export type PT = (key: ProgressTextKey, vars?: Vars) => string;

/** The slice's texts in the user's language (Chinese first). */
export function usePT(): PT {
  const { lang } = useI18n();
  return useCallback((key, vars) => progressText(lang, key, vars), [lang]);
}
