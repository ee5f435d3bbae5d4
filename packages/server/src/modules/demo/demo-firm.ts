// One demo firm from its plan (demo-population.ts): identity, monthly figures by source, scale history and
// candidacy for the current batches.
import { periodOf, splitPeriod, suggestSupervisingKey } from '@shenggui/domain';
import { GROUPS, macroOf, SEASONS } from './demo-industries.js';
import { addressOf, creditCodeFor, PHONE_PREFIXES, personName, uniqueName } from './demo-names.js';
import type { Firm } from './demo-plan.js';
import type { DemoEnterprise, DemoRevenue, DemoScaleChange } from './demo-population.js';
import { type Rng, round2 } from './demo-random.js';
import {
  ABOVE_MIN,
  BELOW_MAX,
  constraintOf,
  DEMO_SCALE_REASONS,
  initialLevel,
  type Slot,
  THRESHOLD,
  trendOf,
} from './demo-roles.js';

// Periods as month indexes (year * 12 + month - 1) keep the hot loops free of string work.

export const monthIndex = (period: string): number => {
  const { year, month } = splitPeriod(period);
  return year * 12 + month - 1;
};
const periodAt = (idx: number): string => periodOf(Math.floor(idx / 12), (idx % 12) + 1);
const dateAt = (idx: number, day: number): string => `${periodAt(idx)}-${String(day).padStart(2, '0')}`;

export interface Ctx {
  countyCode6: string;
  firstIdx: number;
  lastIdx: number;
  y0: number;
  yL: number;
  names: Set<string>;
  codes: Set<string>;
}

export function buildEnterprise(firm: Firm, rng: Rng, ctx: Ctx): DemoEnterprise {
  const { slot, group, legalForm } = firm;
  const spec = GROUPS[group];
  const classes =
    legalForm === 'individual' && spec.classes.some((c) => !c.corporate)
      ? spec.classes.filter((c) => !c.corporate)
      : spec.classes;
  const cls = rng.weighted(classes, (c) => c.weight);
  const { firstIdx, lastIdx, y0, yL } = ctx;

  // --- dates -------------------------------------------------------------------------------------
  let psIdx: number | null;
  let foundedIdx: number;
  if (slot.kind === 'construction') {
    psIdx = null;
    foundedIdx = rng.int(Math.max(firstIdx, (yL - 1) * 12 + 5), lastIdx);
  } else if (slot.kind === 'monthly') {
    // Monthly entry is open to firms producing since 1 October of the year before.
    const y = y0 + slot.a;
    psIdx = rng.int((y - 1) * 12 + 9, y * 12 + 1);
    foundedIdx = psIdx - rng.int(6, 20);
  } else if (slot.kind === 'newSmall') {
    const lo = Math.max(firstIdx, (yL - 1) * 12 + 9);
    psIdx = rng.int(lo, Math.max(lo, Math.min(lastIdx, yL * 12 + 5)));
    foundedIdx = psIdx - rng.int(4, 18);
  } else if (
    (slot.kind === 'small' || slot.kind === 'mid' || slot.kind === 'individual') &&
    rng.chance(0.1)
  ) {
    psIdx = rng.int(firstIdx + 1, Math.max(firstIdx + 1, (yL - 1) * 12 + 8));
    foundedIdx = psIdx - rng.int(3, 18);
  } else {
    const [lo, hi] =
      slot.kind === 'stable'
        ? [1996, 2015]
        : ['decliner', 'rebound', 'inflator', 'nearAbove'].includes(slot.kind)
          ? [2000, 2017]
          : [2004, y0 - 1];
    psIdx = Math.min(rng.int(Math.min(lo, y0 - 1), Math.min(hi, y0 - 1)) * 12 + rng.int(0, 11), firstIdx - 1);
    foundedIdx = psIdx - rng.int(2, 20);
  }
  // A short custom window must not yield a production start after its last period.
  if (psIdx !== null && psIdx > lastIdx) {
    psIdx = lastIdx;
    foundedIdx = Math.min(foundedIdx, psIdx - 3);
  }
  const foundedOn = dateAt(foundedIdx, rng.int(1, 28));
  const productionStartedOn = psIdx === null ? null : dateAt(psIdx, rng.int(1, 28));

  // --- identity ----------------------------------------------------------------------------------
  let creditCode = creditCodeFor(
    rng,
    ctx.countyCode6,
    legalForm === 'individual',
    Math.floor(foundedIdx / 12),
  );
  while (ctx.codes.has(creditCode)) {
    creditCode = creditCodeFor(rng, ctx.countyCode6, legalForm === 'individual', Math.floor(foundedIdx / 12));
  }
  ctx.codes.add(creditCode);
  const big = ['stable', 'inflatedStable', 'monthly'].includes(slot.kind);
  const name = uniqueName(rng, ctx.names, legalForm, cls, spec, firm.township.name, big);
  const address = addressOf(rng, firm, spec.mining);

  // --- revenue -----------------------------------------------------------------------------------
  const years: number[] = [];
  for (let y = y0; y <= yL; y++) years.push(y);
  const stopped = stoppages(rng, slot, psIdx, ctx);
  const season = SEASONS[cls.season ?? spec.season];
  const noise = group === 'coal' || group === 'power' ? 0.05 : group === 'concrete' ? 0.14 : 0.09;
  const tax = new Map<number, number>();
  const rateOfYear = new Map<number, number>();
  const trend = trendOf(slot.kind, rng);
  const lastOff = yL - y0;
  let base = initialLevel(slot, group, rng);
  let prevRate = base;

  if (psIdx !== null) {
    for (const y of years) {
      const off = y - y0;
      const macro = macroOf(group, y);
      base *= Math.exp(trend + 0.07 * rng.normal());
      let rate = base * macro;
      let c = constraintOf(slot, off, lastOff);
      // Next January's entrants are over the line by the October figures (the November batch's data month).
      if (slot.kind === 'climber' && off === lastOff && off === slot.a - 1) c = 'N';
      const justAbove = slot.flag === 'justAbove' && off === slot.a - 1;

      // Monthly weights for the year: season, noise, a tilt following the year's growth, a ramp-up in a
      // plant's first months and, for the firms that just scrape over the line, a December push.
      const tilt = Math.max(-0.3, Math.min(0.3, Math.log(rate / (prevRate || rate))));
      const w: number[] = [];
      let sum = 0;
      for (let m = 0; m < 12; m++) {
        const idx = y * 12 + m;
        let x = (season[m] ?? 1) * Math.exp(noise * rng.normal()) * Math.exp((tilt * (m - 5.5)) / 11);
        const age = idx - psIdx;
        if (age >= 0 && age < 3) x *= [0.45, 0.7, 0.88][age] ?? 1;
        if (justAbove && m >= 10) x *= 2.2;
        w.push(x);
        sum += x;
      }
      let shareEmit = 0;
      let shareFull = 0;
      for (let m = 0; m < 12; m++) {
        const idx = y * 12 + m;
        const wm = (w[m] ?? 0) / sum;
        w[m] = wm;
        if (idx < psIdx || idx < firstIdx || stopped.has(idx)) continue;
        shareFull += wm;
        if (idx <= lastIdx) shareEmit += wm;
      }
      // The last year is judged on its full-year pace, the others on what was actually invoiced.
      const share = off === lastOff ? shareFull : shareEmit;
      if (share > 0) {
        const total = rate * share;
        if (justAbove) rate = rng.range(20.03e6, 20.25e6) / share;
        else if ((c === 'A' || c === 'P') && total < ABOVE_MIN)
          rate = (ABOVE_MIN * (1 + rng.range(0, 0.12))) / share;
        else if (c === 'B' && total > BELOW_MAX) rate = (BELOW_MAX * (1 - rng.range(0, 0.15))) / share;
        else if (c === 'I' && (total > 19.2e6 || total < 16.2e6)) rate = rng.range(16.2e6, 19.2e6) / share;
        else if (c === 'M') {
          // A new plant big enough to pass 20M cumulative by April–August of its first full year.
          const lastMonth = y === yL ? lastIdx % 12 : 11;
          const target = Math.max(3, Math.min(rng.int(3, 7), lastMonth - 2));
          let cum = 0;
          for (let m = 0; m <= target; m++) {
            const idx = y * 12 + m;
            if (idx >= psIdx && idx >= firstIdx && !stopped.has(idx)) cum += w[m] ?? 0;
          }
          rate = (ABOVE_MIN * (1 + rng.range(0, 0.06))) / Math.max(cum, 0.05);
        } else if (c === 'N') {
          let cum = 0;
          for (let m = 0; m <= 9; m++) {
            const idx = y * 12 + m;
            if (idx >= psIdx && idx >= firstIdx && !stopped.has(idx)) cum += w[m] ?? 0;
          }
          rate = (ABOVE_MIN * (1 + rng.range(0.01, 0.1))) / Math.max(cum, 0.05);
        }
        rate = Math.max(rate, 300_000);
        base = rate / macro;
      }
      prevRate = rate;
      rateOfYear.set(y, rate);
      for (let m = 0; m < 12; m++) {
        const idx = y * 12 + m;
        if (idx < psIdx || idx < firstIdx || idx > lastIdx) continue;
        tax.set(idx, stopped.has(idx) ? 0 : round2(rate * (w[m] ?? 0)));
      }
    }
  }

  // --- directory history and statistics ---------------------------------------------------------
  const startIdx = Math.max(firstIdx, psIdx ?? foundedIdx);
  const eligible = legalForm !== 'individual' && slot.kind !== 'unreported';
  const suspicious = slot.kind === 'inflatedStable' || slot.kind === 'inflator';
  let status: 'above' | 'below' =
    psIdx !== null && psIdx < firstIdx && eligible && constraintOf(slot, -1, lastOff) === 'A'
      ? 'above'
      : 'below';
  const scaleHistory: DemoScaleChange[] = [
    {
      status,
      effectivePeriod: periodAt(startIdx),
      reason:
        status === 'above'
          ? DEMO_SCALE_REASONS.initialAbove
          : psIdx === null
            ? DEMO_SCALE_REASONS.underConstruction
            : psIdx >= firstIdx
              ? DEMO_SCALE_REASONS.newProduction
              : DEMO_SCALE_REASONS.initialBelow,
    },
  ];
  const stats = new Map<number, number>();
  const record = new Map<number, number>();

  for (const y of years) {
    const jan = y * 12;
    const prev = record.get(y - 1);
    if (jan > startIdx && jan <= lastIdx && prev !== undefined) {
      if (status === 'below' && eligible && prev >= THRESHOLD) {
        status = 'above';
        scaleHistory.push({ status, effectivePeriod: periodAt(jan), reason: DEMO_SCALE_REASONS.annualEntry });
      } else if (status === 'above' && prev < THRESHOLD) {
        status = 'below';
        scaleHistory.push({ status, effectivePeriod: periodAt(jan), reason: DEMO_SCALE_REASONS.exit });
      }
    }
    const aboveAllYear = status === 'above';
    let aboveFrom = aboveAllYear ? jan : -1;
    // 月度入库: a newly producing firm whose cumulative sales pass 20M declares the next month and
    // starts reporting after about a month of approval.
    if (status === 'below' && eligible && psIdx !== null && psIdx >= (y - 1) * 12 + 9) {
      let cum = 0;
      for (let idx = jan; idx < jan + 12 && idx <= lastIdx; idx++) {
        cum += tax.get(idx) ?? 0;
        if (cum >= THRESHOLD) {
          const effective = idx + 2;
          if (effective < jan + 12 && effective <= lastIdx) {
            status = 'above';
            aboveFrom = effective;
            scaleHistory.push({
              status,
              effectivePeriod: periodAt(effective),
              reason: DEMO_SCALE_REASONS.monthlyEntry,
            });
          }
          break;
        }
      }
    }

    let taxSum = 0;
    let hasTax = false;
    for (let idx = jan; idx < jan + 12; idx++) {
      const v = tax.get(idx);
      if (v !== undefined) {
        taxSum += v;
        hasTax = true;
      }
    }
    if (aboveFrom >= 0) {
      const inflate = suspicious && y - y0 >= slot.a;
      const f = inflate ? rng.range(1.34, 1.55) : Math.max(0.96, Math.min(1.04, 1 + 0.015 * rng.normal()));
      const months: number[] = [];
      let statSum = 0;
      for (let idx = aboveFrom; idx < jan + 12 && idx <= lastIdx; idx++) {
        const t = tax.get(idx);
        if (t === undefined) continue;
        const ratio = inflate
          ? Math.max(1.31, f * Math.exp(0.015 * rng.normal()))
          : Math.max(0.95, Math.min(1.05, f * Math.exp(0.012 * rng.normal())));
        const v = round2(t * ratio);
        stats.set(idx, v);
        statSum += v;
        months.push(idx);
      }
      // Honest statistics never disagree with the invoices about which side of the line the year is on.
      if (aboveAllYear && !inflate && statSum >= THRESHOLD !== taxSum >= THRESHOLD) {
        statSum = 0;
        for (const idx of months) {
          const t = tax.get(idx) ?? 0;
          stats.set(idx, t);
          statSum += t;
        }
      }
      if (hasTax) record.set(y, aboveAllYear ? statSum : taxSum);
    } else if (hasTax) {
      record.set(y, taxSum);
    }
  }

  // --- electricity and rows ------------------------------------------------------------------------
  const revenue: DemoRevenue[] = [];
  const intensity = spec.kwhPerYuan * rng.range(0.7, 1.3);
  const baseLoad = rng.range(0.03, 0.08);
  for (let idx = firstIdx; idx <= lastIdx; idx++) {
    const t = tax.get(idx);
    if (t === undefined) continue;
    const period = periodAt(idx);
    revenue.push({ period, source: 'tax', value: t });
    const s = stats.get(idx);
    if (s !== undefined) revenue.push({ period, source: 'statistics', value: s });
    if (firm.electricity) {
      const monthlyRate = (rateOfYear.get(Math.floor(idx / 12)) ?? 0) / 12;
      const kwh = intensity * (monthlyRate * baseLoad + t * Math.exp(0.06 * rng.normal()));
      revenue.push({ period, source: 'electricity', value: Math.round(kwh) });
    }
  }

  return {
    creditCode,
    name,
    legalForm,
    industryCode: cls.code,
    townshipCode: firm.township.code,
    inZone: firm.inZone,
    supervisingKey: suggestSupervisingKey(cls.code, firm.inZone),
    address,
    foundedOn,
    productionStartedOn,
    contactName: personName(rng),
    contactPhone: rng.pick(PHONE_PREFIXES) + String(rng.int(0, 9999)).padStart(4, '0'),
    scaleHistory,
    revenue,
    candidate:
      !eligible || status === 'above'
        ? null
        : slot.kind === 'climber' && slot.a - 1 === lastOff
          ? 'entrant'
          : slot.kind === 'pace'
            ? 'pace'
            : null,
  };
}

/** Month indexes in which the firm produced nothing. */
function stoppages(rng: Rng, slot: Slot, psIdx: number | null, ctx: Ctx): Set<number> {
  const out = new Set<number>();
  if (psIdx === null) return out;
  const from = Math.max(ctx.firstIdx, psIdx) + 1;
  if (slot.flag === 'stopInDecline') {
    // The stoppage is why this firm fell below the line and left the directory.
    const y = ctx.y0 + slot.a - 1;
    const start = y * 12 + rng.int(2, 5);
    for (let k = 0; k < rng.int(4, 6); k++) out.add(start + k);
  } else if (slot.flag === 'stopNow') {
    // Stopped for the last three months: the 临退规 case of a firm that stopped production.
    for (let idx = ctx.lastIdx - 2; idx <= ctx.lastIdx; idx++) if (idx >= from) out.add(idx);
  } else if (['small', 'mid', 'nearBelow', 'individual'].includes(slot.kind) && rng.chance(0.06)) {
    if (ctx.lastIdx - 1 >= from) {
      const start = rng.int(from, ctx.lastIdx - 1);
      const len = rng.int(2, 6);
      for (let idx = start; idx < start + len && idx <= ctx.lastIdx; idx++) out.add(idx);
    }
  }
  return out;
}
