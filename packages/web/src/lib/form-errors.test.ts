import { describe, expect, it } from 'vitest';
import { leftToReport, mapFieldErrors, pathToName } from './form-errors';

describe('pathToName', () => {
  it('splits dotted and bracketed paths and turns indexes into numbers', () => {
    expect(pathToName('creditCode')).toEqual(['creditCode']);
    expect(pathToName('contacts.0.phone')).toEqual(['contacts', 0, 'phone']);
    expect(pathToName('contacts[1].phone')).toEqual(['contacts', 1, 'phone']);
    expect(pathToName(['items', 2])).toEqual(['items', 2]);
    expect(pathToName('body.name')).toEqual(['name']);
    expect(pathToName('')).toEqual([]);
  });
});

describe('mapFieldErrors', () => {
  it('groups messages per known field and returns the others apart', () => {
    const mapped = mapFieldErrors(
      [
        { path: 'creditCode', message: '统一社会信用代码应为18位' },
        { path: ['creditCode'], message: '统一社会信用代码应为18位' },
        { path: 'name', message: '企业名称至少2个字' },
        { path: 'name', message: '企业名称不能超过100个字' },
        { path: 'countyId', message: '县不存在' },
        { path: '', message: '请求无效' },
      ],
      ['creditCode', 'name'],
    );
    expect(mapped.fields).toEqual([
      { name: ['creditCode'], errors: ['统一社会信用代码应为18位'] },
      { name: ['name'], errors: ['企业名称至少2个字', '企业名称不能超过100个字'] },
    ]);
    expect(mapped.rest).toEqual(['县不存在', '请求无效']);
  });
});

describe('leftToReport', () => {
  const details = [
    { path: 'enterpriseId', message: '该企业已是规上企业，不能重复入库' },
    { path: 'approvalDate', message: '批准日期 2027-01-01 晚于今天，不能登记尚未批准的入库或退库' },
  ];
  it('says a refusal once: on the fields, not again in a message that only repeats them', () => {
    expect(leftToReport(details.map((d) => d.message).join('；'), details, [])).toEqual([]);
    expect(leftToReport(details[0]!.message, details, [])).toEqual([]);
  });
  it('reports what no field shows, and a message that says more than the details', () => {
    expect(leftToReport('提交的内容有误', details, [])).toEqual(['提交的内容有误']);
    expect(leftToReport('x', details, ['县不存在'])).toEqual(['县不存在']);
  });
});
