import { describe, expect, it } from 'vitest';
import { auditActionLabel, auditTargetText } from './audit-labels';

describe('audit labels', () => {
  it('keeps the server’s words and names the actions it leaves as keys', () => {
    expect(auditActionLabel('auth.login', '登录', 'zh')).toBe('登录');
    expect(auditActionLabel('declaration.submit', 'declaration.submit', 'zh')).toBe('提交入库申报');
    expect(auditActionLabel('library.year.freeze', 'library.year.freeze', 'zh')).toBe('固化往年企业库名单');
    expect(auditActionLabel('declaration.returned', 'declaration.returned', 'zh')).toBe('入库申报：退回');
    expect(auditActionLabel('notice.reissue', 'notice.reissue', 'zh')).toBe('进度通报操作');
    expect(auditActionLabel('something.odd', 'something.odd', 'zh')).toBe('something.odd');
  });

  it('says what an action was done to', () => {
    expect(auditTargetText('library', '2026', 'zh')).toBe('2026年企业库名单');
    expect(auditTargetText('library_membership', '2026:cultivation', 'zh')).toBe('培育库（2026年）');
    expect(auditTargetText('declaration', '12', 'zh')).toBe('入库申报 #12');
    expect(auditTargetText('user', null, 'zh')).toBe('用户');
  });
});
