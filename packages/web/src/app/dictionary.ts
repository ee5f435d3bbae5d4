// The app's one text registry. Texts live per feature in src/texts/<feature>.ts: Chinese is the source,
// English is typed against it (a missing key does not compile) and placeholders {name} must match (tested in
// ./dictionary.test.ts over every module). English covers the application's chrome; server messages,
// domain reference names and documents are Chinese only (README.md §Languages, docs/ui.md).
import * as account from '../texts/account';
import * as admin from '../texts/admin';
import * as audit from '../texts/audit';
import * as auth from '../texts/auth';
import * as charts from '../texts/charts';
import * as common from '../texts/common';
import * as declarations from '../texts/declarations';
import * as directory from '../texts/directory';
import * as enterprises from '../texts/enterprises';
import * as home from '../texts/home';
import * as imports from '../texts/imports';
import { interpolate, type Lang, type Vars } from '../texts/kit';
import * as labels from '../texts/labels';
import * as libraries from '../texts/libraries';
import * as notices from '../texts/notices';
import * as progress from '../texts/progress';
import * as targets from '../texts/targets';
import * as todo from '../texts/todo';

// --- texts import: requests ---

// --- texts import: help ---
import * as help from '../texts/help';
// --- texts import: overview ---
import * as overview from '../texts/overview';
import * as requests from '../texts/requests';

// --- texts import: training ---
import * as training from '../texts/training';
// --- texts import: visits ---
import * as visits from '../texts/visits';

export type { Lang, Vars };
export { interpolate };

/** Every text module, by feature; their keys are disjoint (tested). A new feature adds its module here. */
export const TEXT_MODULES = {
  common,
  auth,
  account,
  home,
  labels,
  enterprises,
  admin,
  audit,
  imports,
  libraries,
  todo,
  declarations,
  progress,
  targets,
  directory,
  notices,
  charts,
  // --- texts module: requests ---
  requests,

  // --- texts module: visits ---
  visits,

  // --- texts module: help ---
  help,

  // --- texts module: training ---
  training,

  // --- texts module: overview ---
  overview,
} as const;

export const zh = {
  ...common.zh,
  ...auth.zh,
  ...account.zh,
  ...home.zh,
  ...labels.zh,
  ...enterprises.zh,
  ...admin.zh,
  ...audit.zh,
  ...imports.zh,
  ...libraries.zh,
  ...todo.zh,
  ...declarations.zh,
  ...progress.zh,
  ...targets.zh,
  ...directory.zh,
  ...notices.zh,
  ...charts.zh,
  // --- texts zh: requests ---
  ...requests.zh,

  // --- texts zh: visits ---
  ...visits.zh,

  // --- texts zh: help ---
  ...help.zh,

  // --- texts zh: training ---
  ...training.zh,

  // --- texts zh: overview ---
  ...overview.zh,
};

export type DictKey = keyof typeof zh;

export const en: Record<DictKey, string> = {
  ...common.en,
  ...auth.en,
  ...account.en,
  ...home.en,
  ...labels.en,
  ...enterprises.en,
  ...admin.en,
  ...audit.en,
  ...imports.en,
  ...libraries.en,
  ...todo.en,
  ...declarations.en,
  ...progress.en,
  ...targets.en,
  ...directory.en,
  ...notices.en,
  ...charts.en,
  // --- texts en: requests ---
  ...requests.en,

  // --- texts en: visits ---
  ...visits.en,

  // --- texts en: help ---
  ...help.en,

  // --- texts en: training ---
  ...training.en,

  // --- texts en: overview ---
  ...overview.en,
};

export const DICTIONARIES: Record<Lang, Record<DictKey, string>> = { zh, en };

export function translate(lang: Lang, key: DictKey, vars?: Vars): string {
  const template = DICTIONARIES[lang][key] ?? zh[key] ?? key;
  return interpolate(template, vars);
}

/** A month's short name on a chart axis: 11月 · Nov. */
export function monthText(lang: Lang, month: number): string {
  return textOf(lang, `chart.month.${month}`) ?? String(month);
}

/** A text whose key is built from data (an entity type, a sheet column's field): null when there is none. */
export function textOf(lang: Lang, key: string, vars?: Vars): string | null {
  return Object.hasOwn(zh, key) ? translate(lang, key as DictKey, vars) : null;
}
