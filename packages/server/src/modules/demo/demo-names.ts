// Names, people, places and credit codes of the demo firms (demo-population.ts).
import { CREDIT_CODE_CHARSET, creditCodeCheckChar } from '@shenggui/domain';
import type { ClassSpec, GroupSpec } from './demo-industries.js';
import type { Firm } from './demo-plan.js';
import type { DemoEnterprise } from './demo-population.js';
import type { Rng } from './demo-random.js';

const BRAND_CHARS = [
  ...'华鑫宏兴盛昌泰恒通达瑞丰隆源晋龙金新东方永安顺利伟嘉信德福凯旭晟磊峰宇昊康祥和润泽鼎正中天远博聚汇诚益佳广荣盈森海阳光明振晨坤腾飞亿惠合美捷锦晶冠钰融建元茂富强胜辉浩亨程帆宁',
];
const SURNAMES = [...'王李张刘赵郭杨武贾乔白高梁孙任韩田石侯薛阎牛苏许魏吕冯温史常段范'];
const GIVEN_CHARS = [...'建国军伟强平明海文红丽俊勇斌峰鹏涛宏志刚慧敏芳华英云东亮晓磊鑫瑞杰兵宇琴霞彦'];
const CODE_CHARS = [...CREDIT_CODE_CHARSET];
const NAME_PREFIXES = ['盂县', '阳泉市', '阳泉', '山西'];
export const PHONE_PREFIXES = [
  '1390353',
  '1383530',
  '1383537',
  '1393530',
  '1593530',
  '1513530',
  '1363530',
  '1350353',
];
const TOWN_STREETS = [
  '秀水东街',
  '秀水西街',
  '新建路',
  '东关街',
  '西关街',
  '滨河路',
  '南环路',
  '北环路',
  '工业路',
];
const ZONE_ROADS = ['创业路', '科技路', '兴业大道', '工业园路', '开元路', '昌盛街'];
const VILLAGES = [
  '上庄',
  '下庄',
  '东庄',
  '西庄',
  '南坪',
  '北坪',
  '河东',
  '河西',
  '石岭',
  '杨家庄',
  '王家庄',
  '李家庄',
  '张家庄',
  '赵家庄',
  '刘家沟',
  '后沟',
  '前沟',
  '大峪',
  '小峪',
  '红岭',
  '庄头',
  '东坡',
  '西坡',
  '南岭',
  '北岭',
  '石湾',
  '寺坪',
];
const MINE_SPOTS = ['北山', '东沟', '西坡', '南梁', '后山'];

// Townships by how much industry they hold; 秀水镇 is the county seat. Unknown names get a middling weight.
export const TOWNSHIP_WEIGHT: Record<string, number> = {
  秀水镇: 22,
  孙家庄镇: 8,
  路家村镇: 9,
  南娄镇: 9,
  牛村镇: 8,
  苌池镇: 7,
  上社镇: 8,
  西烟镇: 7,
  仙人乡: 4,
  北下庄乡: 7,
  梁家寨乡: 4,
  西潘乡: 6,
  东梁乡: 4,
};
export const COUNTY_SEAT = '秀水镇';
// The development zone sits at the county seat and spills into the neighbouring towns.
export const ZONE_TOWNSHIP_WEIGHT: Record<string, number> = {
  秀水镇: 6,
  孙家庄镇: 2,
  路家村镇: 1,
  南娄镇: 1,
};

function shortTownship(name: string): string {
  return name.replace(/[镇乡]$/, '');
}

function brand(rng: Rng): string {
  const a = rng.pick(BRAND_CHARS);
  let b = rng.pick(BRAND_CHARS);
  while (b === a) b = rng.pick(BRAND_CHARS);
  return a + b;
}

export function personName(rng: Rng): string {
  const given = rng.chance(0.7) ? rng.pick(GIVEN_CHARS) + rng.pick(GIVEN_CHARS) : rng.pick(GIVEN_CHARS);
  return rng.pick(SURNAMES) + given;
}

// GB 11714 organisation code check character (positions 9–17 of a credit code are the organisation code).
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;
function orgCodeCheck(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body8[i] ?? '0';
    const v = ch >= '0' && ch <= '9' ? Number(ch) : ch.charCodeAt(0) - 55;
    sum += v * (ORG_WEIGHTS[i] ?? 0);
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

export function creditCodeFor(
  rng: Rng,
  countyCode6: string,
  individual: boolean,
  foundedYear: number,
): string {
  let body: string;
  if (foundedYear >= 2016) {
    // Codes issued since the 2015 reform carry MA + a serial in the organisation-code positions.
    body = 'MA0';
    for (let i = 0; i < 5; i++) body += rng.pick(CODE_CHARS);
  } else {
    body = String(rng.int(1, 7));
    for (let i = 0; i < 7; i++) body += String(rng.int(0, 9));
  }
  const first17 = `9${individual ? '2' : '1'}${countyCode6}${body}${orgCodeCheck(body)}`;
  return first17 + (creditCodeCheckChar(first17) ?? '0');
}

export function uniqueName(
  rng: Rng,
  taken: Set<string>,
  legalForm: DemoEnterprise['legalForm'],
  cls: ClassSpec,
  spec: GroupSpec,
  township: string,
  big: boolean,
): string {
  for (let attempt = 0; ; attempt++) {
    // Mines are often named after their village or township; everyone else after a lucky 字号.
    let zihao = spec.mining && rng.chance(0.25) ? shortTownship(township) : brand(rng);
    if (attempt > 20) zihao += rng.pick(BRAND_CHARS);
    if (attempt > 40) zihao += String(attempt);
    let name: string;
    const plant = rng.pick(cls.plant);
    const works = /[厂站矿场]$/.test(plant) ? plant : `${plant}厂`;
    if (legalForm === 'individual') name = `盂县${zihao}${works}（个体）`;
    else if (legalForm === 'other') name = `盂县${zihao}${works}`;
    else {
      // Small firms are almost always registered as 盂县…; larger ones more often carry the city or province.
      const prefix = rng.weighted(NAME_PREFIXES, (p) =>
        p === '盂县' ? (big ? 4 : 12) : p === '山西' ? (big ? 3 : 1) : big ? 2 : 1.5,
      );
      const suffix = rng.chance(0.08) ? '有限责任公司' : '有限公司';
      name = `${prefix}${zihao}${rng.pick(cls.words)}${suffix}`;
    }
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

export function addressOf(rng: Rng, firm: Firm, mining: boolean): string {
  const county = '山西省阳泉市盂县';
  if (firm.inZone) return `${county}经济技术开发区${rng.pick(ZONE_ROADS)}${rng.int(1, 188)}号`;
  if (firm.township.name === COUNTY_SEAT && !mining) {
    return `${county}${COUNTY_SEAT}${rng.pick(TOWN_STREETS)}${rng.int(1, 260)}号`;
  }
  const village = `${rng.pick(VILLAGES)}村`;
  if (mining) return `${county}${firm.township.name}${village}${rng.pick(MINE_SPOTS)}`;
  return `${county}${firm.township.name}${village}${rng.int(1, 99)}号`;
}
