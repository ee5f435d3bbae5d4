// The forecast behind the dashboard's "will we make it": for each firm, the probability that its cumulative
// revenue of record reaches the 20M line by a declaration cut-off (below-scale firms, 临规) or that the year
// ends below it (above-scale firms, 临退规); then, per unit, the distribution of the year's net increase.
//
// Pure, deterministic and analytic (no simulation): the server evaluates it for every firm on each request.
// The method, its assumptions and the backtest are written up in docs/forecast.md; in short:
//  - seasonality: each month's share of the year in the firm's complete past years, shrunk toward flat;
//  - level: a local-level Kalman filter over the seasonally adjusted log revenue (past years and this
//    year's months), so the current run-rate blends this year's pace with last year's, weighted by how
//    noisy each is; missing months are skipped, the level drifts a little each month and jumps at New Year;
//  - volatility: the firm's own residuals from the seasonal model (out of sample), shrunk toward a prior
//    that is wider for firms with less than a year of history;
//  - the remaining months' sum: log-normal (Fenton–Wilkinson for the month-to-month noise, times the
//    common level uncertainty); probabilities from the normal CDF;
//  - stopped production (zero months at the end): a mixture over the month production resumes.

export interface FirmHistory {
  /** Revenue of record in yuan month by month for previous years, oldest first, 12 entries each (null = missing). */
  pastYears: (number | null)[][];
  /** This year's months from January up to the last month with data (null = missing). */
  thisYear: (number | null)[];
}

/** Tuning constants of the model (documented in docs/forecast.md). */
export const FORECAST_PARAMS = {
  /** Pseudo-years of a flat profile mixed into the seasonal shares. */
  seasonShrinkYears: 0.25,
  /** Prior monthly log-noise (σ) for a firm with at least a year of data, and for a newer firm. */
  sigmaPrior: 0.2,
  sigmaPriorNew: 0.3,
  /** Weight of the σ prior in residual degrees of freedom. */
  sigmaPriorDf: 4,
  sigmaMin: 0.03,
  sigmaMax: 1,
  /** Random-walk variance of the log level per month (≈ 10 % a year of drift). */
  monthDriftVar: 0.1 ** 2 / 12,
  /** Extra variance of the log level at each New Year (prices, contracts, capacity reset: ≈ 15 %). */
  yearJumpVar: 0.15 ** 2,
  /** Monthly probability that a firm whose latest months are zero resumes production. */
  resumeHazard: 0.3,
} as const;

// ---------------------------------------------------------------------------------------------------
// Normal distribution.

/** The error function, |error| < 1.2e-7 (Numerical Recipes' erfc Chebyshev fit). */
export function erf(x: number): number {
  return 1 - erfc(x);
}

/** The complementary error function, fractional error < 1.2e-7 everywhere. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Standard normal CDF Φ(z). */
export function normalCdf(z: number): number {
  if (z === Number.POSITIVE_INFINITY) return 1;
  if (z === Number.NEGATIVE_INFINITY) return 0;
  return 0.5 * erfc(-z / Math.SQRT2);
}

// ---------------------------------------------------------------------------------------------------
// The fitted model of one firm.

export interface FirmModel {
  /** Seasonal shares of the 12 months (sum 1). */
  shares: number[];
  /** Monthly log-noise variance. */
  sigma2: number;
  /** Log of the annual run-rate at the last month of data; null when the firm never had positive revenue. */
  logLevel: number | null;
  /** Variance of logLevel at that month. */
  levelVar: number;
  /** This year's 12 months: the figure where known, null where still to come or missing. */
  observed: (number | null)[];
  /** Months of this year with data so far (thisYear.length). */
  monthsElapsed: number;
  /** Consecutive zero (or negative) months at the end of the data: the firm has stopped producing. */
  stoppedMonths: number;
}

function checkHistory(h: FirmHistory): void {
  if (h.thisYear.length > 12) throw new RangeError(`本年月份数超过12：${h.thisYear.length}`);
  for (const row of [...h.pastYears, h.thisYear]) {
    if (row !== h.thisYear && row.length !== 12) throw new RangeError(`往年数据应为12个月：${row.length}`);
    for (const v of row) {
      if (v !== null && !Number.isFinite(v)) throw new RangeError(`营业收入应为有限数值：${v}`);
    }
  }
}

function isComplete(row: (number | null)[]): row is number[] {
  return row.length === 12 && row.every((v) => v !== null && v > 0);
}

/**
 * Sum of squared deviations from their mean of r_m = logX_m − logShare_m over the months where logX is
 * defined (positive revenue), and the degrees of freedom (count − 1).
 */
function residualSS(logX: (number | null)[], logShare: number[]): { ss: number; df: number } {
  let n = 0;
  let mean = 0;
  let ss = 0;
  for (let m = 0; m < logX.length; m++) {
    const lx = logX[m];
    if (lx === null || lx === undefined) continue;
    const r = lx - (logShare[m] ?? 0);
    n++;
    const d = r - mean;
    mean += d / n;
    ss += d * (r - mean);
  }
  return n < 2 ? { ss: 0, df: 0 } : { ss, df: n - 1 };
}

/** Fits the seasonal profile, the volatility and the current level of one firm (the costly part, done once). */
export function fitFirm(h: FirmHistory): FirmModel {
  checkHistory(h);
  const P = FORECAST_PARAMS;
  const lambda = P.seasonShrinkYears;
  const rows: (number | null)[][] = [...h.pastYears, h.thisYear];
  // Logs of positive months, taken once (null where missing, zero or negative).
  const logs = rows.map((row) => row.map((x) => (x !== null && x > 0 ? Math.log(x) : null)));

  // Seasonality: the mean share of each month over complete past years, shrunk toward flat with λ
  // pseudo-years; the leave-one-year-out profile of year i subtracts its own shares from the sum.
  const complete: number[] = [];
  h.pastYears.forEach((row, i) => {
    if (isComplete(row)) complete.push(i);
  });
  const k = complete.length;
  const yearShares = complete.map((i) => {
    const row = h.pastYears[i] as number[];
    let total = 0;
    for (const x of row) total += x;
    return row.map((x) => x / total);
  });
  const sumShares: number[] = [];
  for (let m = 0; m < 12; m++) {
    let sum = 0;
    for (const ys of yearShares) sum += ys[m] ?? 0;
    sumShares.push(sum);
  }
  const shares = sumShares.map((sum) => (sum + lambda / 12) / (k + lambda));
  const logShares = shares.map(Math.log);

  // Volatility: residuals measured against a seasonal profile that did not see them (leave-one-year-out
  // for complete past years, all past years for the rest), deflated for the noise of that profile.
  let ss = 0;
  let df = 0;
  if (k >= 2) {
    complete.forEach((i, j) => {
      const own = yearShares[j] ?? [];
      const logLoo = sumShares.map((sum, m) =>
        Math.log((sum - (own[m] ?? 0) + lambda / 12) / (k - 1 + lambda)),
      );
      const r = residualSS(logs[i] ?? [], logLoo);
      ss += (r.ss * (k - 1)) / k;
      df += r.df;
    });
  }
  const deflate = k === 0 ? 1 : k / (k + 1);
  let positiveMonths = 0;
  logs.forEach((row, i) => {
    for (const lx of row) if (lx !== null) positiveMonths++;
    if (complete.includes(i)) return;
    const r = residualSS(row, logShares);
    ss += r.ss * deflate;
    df += r.df;
  });
  const sigma0 = positiveMonths >= 12 ? P.sigmaPrior : P.sigmaPriorNew;
  const sigma2 = Math.min(
    P.sigmaMax ** 2,
    Math.max(P.sigmaMin ** 2, (P.sigmaPriorDf * sigma0 ** 2 + ss) / (P.sigmaPriorDf + df)),
  );

  // Level: local-level Kalman filter on log(x_m / s_m) (an annualised run-rate) through every month.
  let a: number | null = null;
  let v = 0;
  let stoppedMonths = 0;
  for (let yi = 0; yi < rows.length; yi++) {
    const row = rows[yi] ?? [];
    const logRow = logs[yi] ?? [];
    for (let m = 0; m < row.length; m++) {
      if (a !== null) {
        v += P.monthDriftVar;
        if (m === 0 && yi > 0) v += P.yearJumpVar;
      }
      const x = row[m] ?? null;
      if (x === null) continue;
      const lx = logRow[m] ?? null;
      if (lx === null) {
        stoppedMonths++;
        continue;
      }
      stoppedMonths = 0;
      const y = lx - (logShares[m] ?? 0);
      if (a === null) {
        a = y;
        v = sigma2;
      } else {
        const gain = v / (v + sigma2);
        a += gain * (y - a);
        v *= 1 - gain;
      }
    }
  }
  // Nothing this year yet: the level carries over from last December with the New Year jump.
  if (a !== null && h.thisYear.length === 0) v += P.yearJumpVar;

  const observed: (number | null)[] = [];
  for (let m = 0; m < 12; m++) observed.push(h.thisYear[m] ?? null);
  return {
    shares,
    sigma2,
    logLevel: a,
    levelVar: v,
    observed,
    monthsElapsed: h.thisYear.length,
    stoppedMonths: a === null ? 0 : stoppedMonths,
  };
}

// ---------------------------------------------------------------------------------------------------
// The distribution of the sum of a set of unobserved months: log-normal, or a point mass at 0.

interface LogNormal {
  /** log R ~ N(mu, v); when empty, R = 0. */
  empty: boolean;
  mu: number;
  v: number;
  mean: number;
}

/** Months are 0-based; months before `monthsElapsed` (missing ones) get horizon 0. */
function remainingSum(model: FirmModel, months: number[]): LogNormal {
  if (months.length === 0 || model.logLevel === null) return { empty: true, mu: 0, v: 0, mean: 0 };
  const { shares, sigma2, levelVar, monthsElapsed } = model;
  const P = FORECAST_PARAMS;
  let A = 0;
  let B2 = 0;
  for (const m of months) {
    const s = shares[m] ?? 1 / 12;
    A += s;
    B2 += s * s;
  }
  // Month-to-month noise, independent: Fenton–Wilkinson moment match of Σ s_m·exp(ε_m).
  const m1 = Math.exp(sigma2 / 2) * A;
  const varS = Math.exp(sigma2) * Math.expm1(sigma2) * B2;
  const vS = Math.log1p(varS / (m1 * m1));
  const muS = Math.log(m1) - vS / 2;
  // Level uncertainty, common to all months, plus the random walk beyond the last month of data:
  // Var(Σ w_m ℓ_m) = levelVar + q·ΣΣ w_m w_m' min(h_m, h_m').
  let drift = 0;
  const horizon = (m: number): number => Math.max(0, m - monthsElapsed + 1);
  for (const m of months) {
    const wm = (shares[m] ?? 0) / A;
    for (const n of months) drift += wm * ((shares[n] ?? 0) / A) * Math.min(horizon(m), horizon(n));
  }
  const vC = levelVar + P.monthDriftVar * drift;
  const mu = model.logLevel + muS;
  const v = vC + vS;
  return { empty: false, mu, v, mean: Math.exp(mu + v / 2) };
}

/** P(R ≥ need) for one component. */
function tail(c: LogNormal, need: number): number {
  if (need <= 0) return 1;
  if (c.empty) return 0;
  if (c.v <= 0) return Math.exp(c.mu) >= need ? 1 : 0;
  return 1 - normalCdf((Math.log(need) - c.mu) / Math.sqrt(c.v));
}

/**
 * The ways the months up to `byMonth` (1–12) can play out: weighted components of the unobserved sum.
 * A running firm has one; a stopped firm one per month it may resume in (and one for not resuming).
 */
function components(model: FirmModel, byMonth: number): { w: number; dist: LogNormal }[] {
  const missing: number[] = [];
  const future: number[] = [];
  for (let m = 0; m < byMonth; m++) {
    if (m >= model.monthsElapsed) future.push(m);
    else if (model.observed[m] === null) missing.push(m);
  }
  if (model.stoppedMonths === 0 || future.length === 0) {
    return [{ w: 1, dist: remainingSum(model, [...missing, ...future]) }];
  }
  const rho = FORECAST_PARAMS.resumeHazard;
  const out: { w: number; dist: LogNormal }[] = [];
  let still = 1;
  for (let j = 0; j < future.length; j++) {
    out.push({ w: still * rho, dist: remainingSum(model, [...missing, ...future.slice(j)]) });
    still *= 1 - rho;
  }
  out.push({ w: still, dist: remainingSum(model, missing) });
  return out;
}

function observedBy(model: FirmModel, byMonth: number): number {
  let sum = 0;
  for (let m = 0; m < byMonth; m++) sum += model.observed[m] ?? 0;
  return sum;
}

function checkMonth(byMonth: number): void {
  if (!Number.isInteger(byMonth) || byMonth < 1 || byMonth > 12) {
    throw new RangeError(`截止月份应为1至12的整数：${byMonth}`);
  }
}

function checkThreshold(threshold: number): void {
  if (Number.isNaN(threshold)) throw new RangeError('门槛不能为NaN');
}

function reachExactly(model: FirmModel, threshold: number, byMonth: number): number {
  const need = threshold - observedBy(model, byMonth);
  if (need <= 0) return 1;
  let p = 0;
  for (const c of components(model, byMonth)) p += c.w * tail(c.dist, need);
  return Math.min(1, Math.max(0, p));
}

/** The log-normal of a sum of months from its running moments (see remainingSum). */
function lognormalOf(model: FirmModel, A: number, B2: number, D: number): LogNormal {
  const sigma2 = model.sigma2;
  const m1 = Math.exp(sigma2 / 2) * A;
  const vS = Math.log1p((Math.exp(sigma2) * Math.expm1(sigma2) * B2) / (m1 * m1));
  const mu = (model.logLevel ?? 0) + Math.log(m1) - vS / 2;
  const v = model.levelVar + (FORECAST_PARAMS.monthDriftVar * D) / (A * A) + vS;
  return { empty: false, mu, v, mean: Math.exp(mu + v / 2) };
}

/**
 * A running firm: one pass over the months, keeping the moments of the unobserved sum. Horizons grow with
 * the month, so ΣΣ s_i s_j min(h_i, h_j) gains 2·s_k·Σ s_i h_i + s_k²·h_k when month k joins.
 */
function reachRunning(model: FirmModel, threshold: number, byMonth: number): number {
  let booked = 0;
  let A = 0;
  let B2 = 0;
  let SH = 0;
  let D = 0;
  let best = 0;
  for (let m = 0; m < byMonth; m++) {
    const x = model.observed[m] ?? null;
    if (x !== null) booked += x;
    else if (model.logLevel !== null) {
      const s = model.shares[m] ?? 1 / 12;
      const hz = Math.max(0, m - model.monthsElapsed + 1);
      A += s;
      B2 += s * s;
      D += 2 * s * SH + s * s * hz;
      SH += s * hz;
    }
    const need = threshold - booked;
    const p = need <= 0 ? 1 : A === 0 ? 0 : tail(lognormalOf(model, A, B2, D), need);
    if (p > best) best = p;
    if (best >= 1) return 1;
  }
  return Math.min(1, best);
}

/** probabilityReachByMonth on a fitted model (reuse one fit for several thresholds and cut-offs). */
export function reachProbability(model: FirmModel, threshold: number, byMonth: number): number {
  checkMonth(byMonth);
  checkThreshold(threshold);
  // Reaching the line by an earlier month implies reaching it by a later one: the running maximum keeps
  // the log-normal approximation from ever contradicting that.
  if (model.stoppedMonths === 0) return reachRunning(model, threshold, byMonth);
  let best = 0;
  for (let b = 1; b <= byMonth; b++) {
    best = Math.max(best, reachExactly(model, threshold, b));
    if (best >= 1) return 1;
  }
  return best;
}

/** P(cumulative revenue from January reaches `threshold` by the end of month `byMonth` (1–12)). */
export function probabilityReachByMonth(h: FirmHistory, threshold: number, byMonth: number): number {
  return reachProbability(fitFirm(h), threshold, byMonth);
}

/** P(the full year's revenue ends below `threshold`) — for above-scale firms at risk of exit. */
export function probabilityBelowAtYearEnd(h: FirmHistory, threshold: number): number {
  return 1 - reachProbability(fitFirm(h), threshold, 12);
}

// ---------------------------------------------------------------------------------------------------
// The year's projection, for display.

function componentQuantile(c: LogNormal, p: number): number {
  if (c.empty) return 0;
  return Math.exp(c.mu + Math.sqrt(c.v) * normalQuantile(p));
}

/** Inverse of Φ (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p)) return Number.NaN;
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  const lowTail = 0.02425;
  const tailX = (q: number): number =>
    (((((-0.007784894002430293 * q - 0.3223964580411365) * q - 2.400758277161838) * q - 2.549732539343734) *
      q +
      4.374664141464968) *
      q +
      2.938163982698783) /
    ((((0.007784695709041462 * q + 0.3224671290700398) * q + 2.445134137142996) * q + 3.754408661907416) * q +
      1);
  if (p < lowTail) return tailX(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - lowTail) return -tailX(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((-39.69683028665376 * r + 220.9460984245205) * r - 275.9285104469687) * r + 138.357751867269) * r -
      30.66479806614716) *
      r +
      2.506628277459239) *
      q) /
    (((((-54.47609879822406 * r + 161.5858368580409) * r - 155.6989798598866) * r + 66.80131188771972) * r -
      13.28068155288572) *
      r +
      1)
  );
}

/** Central interval of the full-year projection: the 10th and 90th percentiles. */
export const PROJECTION_INTERVAL = { low: 0.1, high: 0.9 } as const;

/** projectYear on a fitted model. */
export function projectModel(model: FirmModel): { expected: number; low: number; high: number } {
  const base = observedBy(model, 12);
  const comps = components(model, 12);
  let mean = 0;
  for (const c of comps) mean += c.w * c.dist.mean;
  const quantile = (p: number): number => {
    if (comps.length === 1 && comps[0]) return componentQuantile(comps[0].dist, p);
    // A mixture: bisect its CDF between the smallest and largest component quantile.
    let lo = Math.min(...comps.map((c) => componentQuantile(c.dist, p)));
    let hi = Math.max(...comps.map((c) => componentQuantile(c.dist, p)));
    const cdf = (x: number): number => {
      let s = 0;
      for (const c of comps) s += c.w * (1 - tail(c.dist, x === 0 ? Number.MIN_VALUE : x));
      return s;
    };
    if (cdf(lo) >= p) return lo;
    for (let i = 0; i < 80 && hi - lo > 1e-6 * Math.max(1, hi); i++) {
      const mid = (lo + hi) / 2;
      if (cdf(mid) >= p) hi = mid;
      else lo = mid;
    }
    return hi;
  };
  return {
    expected: base + mean,
    low: base + quantile(PROJECTION_INTERVAL.low),
    high: base + quantile(PROJECTION_INTERVAL.high),
  };
}

/** Expected year total and a central interval, for display. */
export function projectYear(h: FirmHistory): { expected: number; low: number; high: number } {
  return projectModel(fitFirm(h));
}

// ---------------------------------------------------------------------------------------------------
// Counting: the net increase of a set of independent firms.

function checkProbabilities(ps: number[], what: string): void {
  for (const p of ps) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`${what}概率应在0至1之间：${p}`);
  }
}

/** Distribution of net = (#entries) − (#exits) for independent events; pmf[i] is P(net = min + i). */
export function netDistribution(entryPs: number[], exitPs: number[]): { min: number; pmf: number[] } {
  checkProbabilities(entryPs, '入库');
  checkProbabilities(exitPs, '退库');
  const nX = exitPs.length;
  const pmf = new Float64Array(entryPs.length + nX + 1);
  // Index i holds P(net = i − nX); [lo, hi] is the support so far.
  let lo = nX;
  let hi = nX;
  pmf[nX] = 1;
  for (const p of entryPs) {
    for (let i = hi + 1; i > lo; i--) pmf[i] = (pmf[i] ?? 0) * (1 - p) + (pmf[i - 1] ?? 0) * p;
    pmf[lo] = (pmf[lo] ?? 0) * (1 - p);
    hi++;
  }
  for (const p of exitPs) {
    for (let i = lo - 1; i < hi; i++) pmf[i] = (pmf[i] ?? 0) * (1 - p) + (pmf[i + 1] ?? 0) * p;
    pmf[hi] = (pmf[hi] ?? 0) * (1 - p);
    lo--;
  }
  return { min: nX === 0 ? 0 : -nX, pmf: Array.from(pmf) };
}

/** P(net ≥ k) from a netDistribution result. */
export function probabilityAtLeast(dist: { min: number; pmf: number[] }, k: number): number {
  if (Number.isNaN(k)) throw new RangeError('k不能为NaN');
  const start = Math.max(0, Math.ceil(k) - dist.min);
  let sum = 0;
  for (let i = start; i < dist.pmf.length; i++) sum += dist.pmf[i] ?? 0;
  return Math.min(1, Math.max(0, sum));
}
