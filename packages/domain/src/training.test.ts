import { describe, expect, it } from 'vitest';
import {
  checkTrainingFile,
  findSigninHeader,
  normaliseOrgName,
  sniffTrainingFile,
  unitNameVariants,
} from './training.js';

describe('sign-in sheet rules', () => {
  it('folds full-width brackets and spaces of a name', () => {
    expect(normaliseOrgName('盂县（秀水） 精密铸造\u3000有限公司')).toBe('盂县(秀水)精密铸造有限公司');
    expect(normaliseOrgName('盂县(秀水)精密铸造有限公司')).toBe(
      normaliseOrgName('盂县（秀水）精密铸造有限公司'),
    );
  });

  it('finds the header under title rows, whatever the organisation column is called', () => {
    const rows = [
      ['秀水镇小升规专题培训签到表', '秀水镇小升规专题培训签到表', '秀水镇小升规专题培训签到表'],
      ['时间：3月15日', null, null],
      ['序 号', '姓\u3000名', '企业名称', '统一社会信用代码', '职务', '手机号码', '签到时间'],
      [1, '王建国', '某公司'],
    ];
    const h = findSigninHeader(rows);
    expect(h).toMatchObject({
      row: 2,
      columns: { seq: 0, personName: 1, orgName: 2, creditCode: 3, title: 4, phone: 5, signedAt: 6 },
    });
    expect(h?.labels.orgName).toBe('企业名称');
    expect(findSigninHeader([['名单'], ['张三', '某公司']])).toBeNull();
  });

  it('looks only in the first ten rows', () => {
    const rows = [...Array.from({ length: 10 }, () => ['说明']), ['姓名', '单位']];
    expect(findSigninHeader(rows)).toBeNull();
    expect(findSigninHeader(rows.slice(1))?.row).toBe(9);
  });

  it('names a county unit as sheets do', () => {
    expect(unitNameVariants('秀水镇', '盂县')).toEqual(expect.arrayContaining(['秀水镇', '秀水镇人民政府']));
    expect(unitNameVariants('县能源局', '盂县')).toEqual(expect.arrayContaining(['县能源局', '盂县能源局']));
  });
});

describe('training materials', () => {
  const text = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
  const zip = (part: string) => new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...text(part)]);
  it('accepts slides, documents, sheets, pdf and pictures whose content matches the name', () => {
    expect(sniffTrainingFile(zip('ppt/slides/slide1.xml'))).toBe('pptx');
    expect(checkTrainingFile('课件.pptx', zip('ppt/presentation.xml'))).toEqual({ ok: true, type: 'pptx' });
    expect(checkTrainingFile('通知.PDF', text('%PDF-1.7'))).toEqual({ ok: true, type: 'pdf' });
  });
  it('refuses a renamed file, an unknown type, an empty or oversized file', () => {
    expect(checkTrainingFile('课件.pptx', text('%PDF-1.7')).ok).toBe(false);
    expect(checkTrainingFile('a.exe', text('MZ')).ok).toBe(false);
    expect(checkTrainingFile('a.pdf', new Uint8Array(0))).toEqual({ ok: false, message: '文件为空' });
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(text('%PDF-1.7'));
    expect(checkTrainingFile('a.pdf', big).ok).toBe(false);
  });
});
