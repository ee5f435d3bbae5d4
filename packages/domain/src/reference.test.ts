import { describe, expect, it, vi } from 'vitest';
import { readCsv, render } from '../scripts/gen-reference.mjs';
import { SHANXI_COUNTY_ROWS, YUXIAN_DIVISION_ROWS } from './reference/divisions.gen.js';
import { INDUSTRY_ROWS } from './reference/industry.gen.js';

// The domain tsconfig has `types: []` (domain code must not see Node globals), so fs is loaded untyped
// through vitest instead of `import 'node:fs'`, which would pull @types/node into the whole package.
const fs = await vi.importActual<{ readFileSync(path: string, encoding: 'utf8'): string }>('node:fs');
const srcDir = (expect.getState().testPath ?? '').replace(/[/\\][^/\\]*$/, '');

describe('generated reference modules', () => {
  const rendered = render();

  it('renders exactly the two modules in src/reference', () => {
    expect(Object.keys(rendered).sort()).toEqual(['divisions.gen.ts', 'industry.gen.ts']);
  });

  it.each(Object.keys(render()))(
    'src/reference/%s matches reference/*.csv (run `npm run gen` if this fails)',
    (file) => {
      const committed = fs.readFileSync(`${srcDir}/reference/${file}`, 'utf8');
      expect(committed).toBe(rendered[file]);
    },
  );
});

describe('reference CSVs (SOURCES.md)', () => {
  it('industry CSV has 917 rows and the header SOURCES.md gives', () => {
    const rows = readCsv('industry-gbt4754-2017.csv');
    expect(rows).toHaveLength(917);
    expect(Object.keys(rows[0] ?? {})).toEqual(['code', 'name', 'level', 'parent_code']);
    expect(INDUSTRY_ROWS).toHaveLength(917);
  });

  it('Yu County divisions: 16 rows, 13 townships', () => {
    expect(YUXIAN_DIVISION_ROWS).toHaveLength(16);
    expect(YUXIAN_DIVISION_ROWS.filter((r) => r[2] === 'township')).toHaveLength(13);
    for (const [code] of YUXIAN_DIVISION_ROWS) expect(code).toMatch(/^\d{12}$/);
  });

  it('Shanxi counties: 1 province, 11 cities, 121 county-level rows, 盂县 under 阳泉市', () => {
    expect(SHANXI_COUNTY_ROWS).toHaveLength(133);
    const count = (level: string) => SHANXI_COUNTY_ROWS.filter((r) => r[2] === level).length;
    expect([count('province'), count('city'), count('county')]).toEqual([1, 11, 121]);
    expect(SHANXI_COUNTY_ROWS.find((r) => r[0] === '140322')).toEqual(['140322', '盂县', 'county', '140300']);
    expect(SHANXI_COUNTY_ROWS.find((r) => r[0] === '140300')).toEqual(['140300', '阳泉市', 'city', '140000']);
    const codes = new Set(SHANXI_COUNTY_ROWS.map((r) => r[0]));
    expect(codes.size).toBe(133);
    for (const [code, , , parent] of SHANXI_COUNTY_ROWS) {
      expect(code).toMatch(/^14\d{4}$/);
      if (parent) expect(codes.has(parent), code).toBe(true);
    }
  });

  it('the functional zones carry their kind in the CSV (filter on kind for legal divisions)', () => {
    const zones = readCsv('divisions-shanxi-counties.csv').filter((r) => r.kind === 'functional_zone');
    expect(zones.map((r) => r.code)).toEqual(['140171', '140271', '140671', '140971']);
  });

  it('CSV cells hold no quotes or stray carriage returns (the generator splits on commas)', () => {
    for (const name of [
      'industry-gbt4754-2017.csv',
      'divisions-yuxian.csv',
      'divisions-shanxi-counties.csv',
    ]) {
      const text = fs.readFileSync(`${srcDir}/../reference/${name}`, 'utf8');
      expect(text, name).not.toMatch(/["\r]/);
      const lines = text.trimEnd().split('\n');
      const width = lines[0]?.split(',').length;
      for (const line of lines) expect(line.split(',').length, `${name}: ${line}`).toBe(width);
    }
  });
});
