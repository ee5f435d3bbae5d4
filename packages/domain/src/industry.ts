// GB/T 4754-2017 国民经济行业分类, sections B (采矿业), C (制造业), D (电力、热力、燃气及水生产和供应业).
import { INDUSTRY_ROWS } from './reference/industry.gen.js';

export type IndustryLevel = 'section' | 'division' | 'group' | 'class';
export interface Industry {
  code: string;
  name: string;
  level: IndustryLevel;
  parent: string | null;
}

const byCode = new Map<string, Industry>();
for (const [code, name, level, parent] of INDUSTRY_ROWS)
  byCode.set(code, { code, name, level, parent: parent || null });

/** Strips a leading section letter ("C3011" → "3011") and surrounding space. */
export function normalizeIndustryCode(input: string): string {
  const t = input.trim().toUpperCase();
  return /^[BCD]\d{2,4}$/.test(t) ? t.slice(1) : t;
}

export function findIndustry(code: string): Industry | null {
  return byCode.get(normalizeIndustryCode(code)) ?? null;
}

/** A 4-digit 小类 of sections B, C or D: the level firms are classified at. */
export function isIndustrialClass(code: string): boolean {
  return findIndustry(code)?.level === 'class';
}

export function industrySection(code: string): 'B' | 'C' | 'D' | null {
  let node = findIndustry(code);
  while (node && node.level !== 'section') node = node.parent ? (byCode.get(node.parent) ?? null) : null;
  return (node?.code as 'B' | 'C' | 'D' | undefined) ?? null;
}

/** section → division → group → class codes, for a picker. */
export function industryPath(code: string): string[] {
  const path: string[] = [];
  let node = findIndustry(code);
  while (node) {
    path.unshift(node.code);
    node = node.parent ? (byCode.get(node.parent) ?? null) : null;
  }
  return path;
}

export interface IndustryOption {
  value: string;
  label: string;
  children?: IndustryOption[];
}

/** The whole B/C/D tree as cascader options. */
export function industryOptions(): IndustryOption[] {
  const nodes = new Map<string, IndustryOption>();
  const roots: IndustryOption[] = [];
  for (const [code, name, , parent] of INDUSTRY_ROWS) {
    const node: IndustryOption = { value: code, label: `${code} ${name}` };
    nodes.set(code, node);
    if (!parent) roots.push(node);
    else {
      const p = nodes.get(parent);
      if (p) {
        p.children ??= [];
        p.children.push(node);
      }
    }
  }
  return roots;
}

export function listIndustries(level?: IndustryLevel): Industry[] {
  return [...byCode.values()].filter((i) => !level || i.level === level);
}
