// The demo county's industries (demo-population.ts): the county's mix, each class with the words its firms
// are named with, a seasonal profile and an electricity intensity (kWh per yuan of sales) so the electricity
// figures are plausible.

export type Group =
  | 'coal'
  | 'nonCoal'
  | 'refractory'
  | 'concrete'
  | 'power'
  | 'casting'
  | 'metal'
  | 'machinery'
  | 'building'
  | 'food'
  | 'chemical';

type Season = 'coal' | 'mine' | 'kiln' | 'concrete' | 'factory' | 'food' | 'power' | 'solar' | 'heat';

// Relative monthly level, January first.
export const SEASONS: Record<Season, readonly number[]> = {
  // Coal runs steadily, dips over the Spring Festival and sells more in the heating season.
  coal: [1.0, 0.86, 1.0, 1.0, 0.98, 0.97, 0.97, 0.99, 1.02, 1.05, 1.1, 1.12],
  // Open pits and quarries stop in the frozen months.
  mine: [0.55, 0.5, 0.9, 1.1, 1.15, 1.15, 1.1, 1.1, 1.15, 1.15, 1.0, 0.75],
  kiln: [0.95, 0.75, 1.0, 1.05, 1.05, 1.0, 1.0, 1.0, 1.05, 1.05, 1.05, 1.05],
  // Ready-mixed concrete follows the building season: almost nothing in January and February.
  concrete: [0.3, 0.25, 0.85, 1.2, 1.3, 1.3, 1.2, 1.2, 1.3, 1.3, 1.05, 0.55],
  factory: [0.95, 0.75, 1.0, 1.0, 1.02, 1.02, 1.0, 1.0, 1.05, 1.05, 1.05, 1.1],
  food: [1.15, 1.2, 0.9, 0.9, 0.9, 0.9, 0.9, 0.95, 1.05, 1.05, 1.0, 1.1],
  power: [1.05, 1.0, 0.95, 0.92, 0.95, 1.02, 1.08, 1.08, 0.96, 0.94, 1.0, 1.05],
  solar: [0.75, 0.85, 1.0, 1.1, 1.2, 1.15, 1.1, 1.1, 1.0, 0.95, 0.8, 0.7],
  // District heating sells in the heating season (mid-November to mid-March).
  heat: [2.2, 1.9, 1.2, 0.15, 0.08, 0.08, 0.08, 0.08, 0.08, 0.12, 1.4, 2.2],
};

export interface ClassSpec {
  code: string;
  weight: number;
  /** Words for a company name: 盂县 + 字号 + word + 有限公司. */
  words: readonly string[];
  /** Words for a plant run by an individual or a collective: 盂县 + 字号 + word (+ 厂 unless it names the place). */
  plant: readonly string[];
  season?: Season;
  /** Needs a licence an individual business cannot hold (mining rights, ferroalloy, coking, cement). */
  corporate?: boolean;
}

export interface GroupSpec {
  share: number;
  season: Season;
  kwhPerYuan: number;
  /** Mining and power stay out of the development zone. */
  zoneable: boolean;
  mining: boolean;
  classes: readonly ClassSpec[];
}

export const GROUPS: Record<Group, GroupSpec> = {
  coal: {
    share: 0.12,
    season: 'coal',
    kwhPerYuan: 0.06,
    zoneable: false,
    mining: true,
    classes: [
      {
        code: '0610',
        weight: 19,
        words: ['煤业', '煤矿', '煤炭', '煤炭洗选', '洗煤'],
        plant: ['洗煤', '煤矿'],
      },
      { code: '0690', weight: 1, words: ['煤炭加工', '型煤'], plant: ['型煤'] },
    ],
  },
  nonCoal: {
    share: 0.12,
    season: 'mine',
    kwhPerYuan: 0.12,
    zoneable: false,
    mining: true,
    classes: [
      {
        code: '0810',
        weight: 7,
        words: ['矿业', '铁矿', '铁矿采选'],
        plant: ['铁矿', '选矿厂'],
        corporate: true,
      },
      { code: '1011', weight: 5, words: ['石料', '石灰石矿业', '石业'], plant: ['石料', '采石'] },
      {
        code: '1013',
        weight: 4,
        words: ['铝矾土矿业', '耐火黏土', '矾土'],
        plant: ['矾土矿', '黏土矿'],
        corporate: true,
      },
      { code: '1019', weight: 3, words: ['砂石', '砂石料', '土石方'], plant: ['砂石料', '砂石场'] },
      { code: '0916', weight: 1, words: ['铝土矿业'], plant: ['铝土矿'], corporate: true },
    ],
  },
  refractory: {
    share: 0.2,
    season: 'kiln',
    kwhPerYuan: 0.18,
    zoneable: true,
    mining: false,
    classes: [
      {
        code: '3089',
        weight: 18,
        words: ['耐火材料', '耐材', '耐火制品', '高温材料', '高铝耐火材料', '耐火保温材料', '炉料'],
        plant: ['耐火材料', '耐火砖', '高铝砖'],
      },
      { code: '3081', weight: 1, words: ['石棉制品', '密封材料'], plant: ['石棉制品'] },
      { code: '3082', weight: 1, words: ['云母制品', '绝缘材料'], plant: ['云母制品'] },
    ],
  },
  concrete: {
    share: 0.1,
    season: 'concrete',
    kwhPerYuan: 0.012,
    zoneable: true,
    mining: false,
    classes: [
      { code: '3021', weight: 1, words: ['商砼', '混凝土', '商品混凝土', '建材'], plant: ['商砼搅拌站'] },
    ],
  },
  power: {
    share: 0.03,
    season: 'power',
    kwhPerYuan: 0.04,
    zoneable: true,
    mining: false,
    classes: [
      { code: '4411', weight: 2, words: ['煤矸石发电', '发电', '电力'], plant: ['发电'] },
      { code: '4412', weight: 1, words: ['热电'], plant: ['热电'] },
      { code: '4415', weight: 1, words: ['风电', '新能源'], plant: ['风电'] },
      {
        code: '4416',
        weight: 2,
        words: ['光伏', '光伏发电', '新能源科技'],
        plant: ['光伏电站'],
        season: 'solar',
      },
      { code: '4430', weight: 2, words: ['热力', '供热'], plant: ['供热'], season: 'heat' },
      { code: '4610', weight: 1, words: ['供水', '水务'], plant: ['水'] },
    ],
  },
  casting: {
    share: 0.09,
    season: 'factory',
    kwhPerYuan: 0.4,
    zoneable: true,
    mining: false,
    classes: [
      { code: '3391', weight: 6, words: ['铸造', '铸业', '精密铸造', '铸件'], plant: ['铸造', '铸件'] },
      { code: '3392', weight: 1, words: ['有色铸造', '铝铸件'], plant: ['铝铸件'] },
      { code: '3393', weight: 1, words: ['锻造', '锻件'], plant: ['锻造'] },
    ],
  },
  metal: {
    share: 0.09,
    season: 'factory',
    kwhPerYuan: 0.08,
    zoneable: true,
    mining: false,
    classes: [
      { code: '3311', weight: 4, words: ['钢结构', '金属结构'], plant: ['钢结构'] },
      { code: '3312', weight: 2, words: ['门窗', '铝合金门窗'], plant: ['门窗'] },
      { code: '3399', weight: 2, words: ['金属制品'], plant: ['五金'] },
      { code: '3482', weight: 1, words: ['紧固件', '锚杆'], plant: ['螺丝'] },
      { code: '3360', weight: 1, words: ['热处理'], plant: ['热处理'] },
      { code: '3140', weight: 1, words: ['铁合金'], plant: ['铁合金'], corporate: true },
    ],
  },
  machinery: {
    share: 0.08,
    season: 'factory',
    kwhPerYuan: 0.05,
    zoneable: true,
    mining: false,
    classes: [
      { code: '3511', weight: 4, words: ['矿山机械', '煤机', '矿用设备'], plant: ['矿山机械'] },
      { code: '3484', weight: 3, words: ['机械加工', '机械制造', '机械'], plant: ['机械加工', '机修'] },
      { code: '3515', weight: 1, words: ['建材机械'], plant: ['建材机械'] },
      { code: '3462', weight: 1, words: ['风机'], plant: ['风机'] },
      { code: '3591', weight: 1, words: ['环保设备', '环保科技'], plant: ['环保设备'] },
    ],
  },
  building: {
    share: 0.08,
    season: 'kiln',
    kwhPerYuan: 0.12,
    zoneable: true,
    mining: false,
    classes: [
      { code: '3031', weight: 4, words: ['新型墙材', '砖业', '页岩砖'], plant: ['砖', '机砖'] },
      { code: '3022', weight: 2, words: ['预制构件', '水泥构件'], plant: ['水泥构件'] },
      { code: '3024', weight: 2, words: ['新型建材', '轻质建材'], plant: ['建材'] },
      { code: '3012', weight: 2, words: ['石灰', '活性石灰'], plant: ['石灰'] },
      { code: '3011', weight: 1, words: ['水泥'], plant: ['水泥'], corporate: true },
      { code: '3099', weight: 1, words: ['陶粒', '非金属材料'], plant: ['陶粒'] },
    ],
  },
  food: {
    share: 0.06,
    season: 'food',
    kwhPerYuan: 0.05,
    zoneable: true,
    mining: false,
    classes: [
      { code: '1314', weight: 3, words: ['杂粮', '小米', '杂粮食品'], plant: ['杂粮加工', '米面加工'] },
      { code: '1462', weight: 2, words: ['醋业', '酿造'], plant: ['醋'] },
      { code: '1392', weight: 2, words: ['豆制品', '豆业'], plant: ['豆腐', '豆制品'] },
      { code: '1512', weight: 1, words: ['酒业', '酿酒'], plant: ['酒'] },
      { code: '1353', weight: 1, words: ['肉制品', '食品'], plant: ['肉食加工'] },
      { code: '1522', weight: 1, words: ['饮用水', '矿泉水'], plant: ['纯净水'] },
      { code: '1329', weight: 1, words: ['饲料'], plant: ['饲料'] },
      { code: '1411', weight: 1, words: ['食品', '糕点'], plant: ['糕点'] },
    ],
  },
  chemical: {
    share: 0.03,
    season: 'factory',
    kwhPerYuan: 0.15,
    zoneable: true,
    mining: false,
    classes: [
      { code: '2521', weight: 1, words: ['焦化', '煤焦'], plant: ['焦化'], corporate: true },
      { code: '2922', weight: 2, words: ['塑料管材', '塑业'], plant: ['塑料制品'] },
      { code: '2625', weight: 2, words: ['有机肥', '生物肥业'], plant: ['有机肥'] },
      { code: '2641', weight: 1, words: ['涂料'], plant: ['涂料'] },
      { code: '2110', weight: 1, words: ['家具'], plant: ['家具'] },
    ],
  },
};

// Groups are filled in this order: the restrictive ones first, casting last because any leftover
// (individual businesses included) plausibly runs a foundry.
export const GROUP_ORDER: readonly Group[] = [
  'power',
  'coal',
  'concrete',
  'chemical',
  'nonCoal',
  'refractory',
  'food',
  'machinery',
  'building',
  'metal',
  'casting',
];

// Market years shared by a whole sector: the 2022 coal price peak and the slide in construction.
/** The sector's market factor of a year; years after the table keep its last factor. */
export function macroOf(group: Group, year: number): number {
  const table = MACRO[group];
  if (!table) return 1;
  const known = Object.keys(table).map(Number);
  const last = Math.max(...known);
  return table[Math.min(year, last)] ?? 1;
}

const MACRO: Partial<Record<Group, Record<number, number>>> = {
  coal: { 2022: 1.3, 2023: 1.12, 2024: 0.96, 2025: 0.9, 2026: 0.92 },
  concrete: { 2023: 0.95, 2024: 0.9, 2025: 0.88, 2026: 0.88 },
  refractory: { 2023: 0.97, 2024: 0.95, 2025: 0.96, 2026: 0.98 },
};
