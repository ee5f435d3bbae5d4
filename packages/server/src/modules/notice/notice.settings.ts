// The notice's fixed wording is data (settings key 'notice'), with defaults derived from the county's name
// as the seed document writes them: 盂县 → 盂促企组办发, 盂县促进中小企业发展工作领导小组办公室(文件).
import { z } from 'zod';
import type { Executor } from '../../db/client.js';
import { findSetting } from '../settings/settings.repository.js';

export const NOTICE_SETTING_KEY = 'notice';
/** Settings key: `{ "2024": 7, … }` — the number the next notice of the year takes at the least. */
export const NOTICE_NEXT_NUMBER_KEY = 'notice.nextNumber';

/** The configured next number of a year (1 when none is set). */
export async function getNoticeNextNumber(db: Executor, year: number): Promise<number> {
  const stored = (await findSetting(db, NOTICE_NEXT_NUMBER_KEY)) as Record<string, unknown> | null;
  const v = stored?.[String(year)];
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : 1;
}

export const noticeSettingsSchema = z.object({
  /** 发文字号 prefix before 〔year〕N号. */
  docNumberPrefix: z.string().trim().min(1).max(40),
  /** 发文机关标志 (the red mark). */
  issuerMark: z.string().trim().min(1).max(40),
  /** 发文机关署名 and, by default, 印发机关. */
  issuer: z.string().trim().min(1).max(40),
  recipients: z.string().trim().min(1).max(200),
  cc: z.string().trim().max(200),
  printer: z.string().trim().min(1).max(40),
});
export type NoticeSettings = z.infer<typeof noticeSettingsSchema>;

/** 盂县 → 盂; 平定县 → 平定; 城区 → 城. */
export function countyShortName(countyName: string): string {
  const short = countyName.replace(/(自治县|县|区|市|旗)$/, '');
  return short || countyName;
}

export function defaultNoticeSettings(countyName: string): NoticeSettings {
  const issuer = `${countyName}促进中小企业发展工作领导小组办公室`;
  return {
    docNumberPrefix: `${countyShortName(countyName).slice(0, 1)}促企组办发`,
    issuerMark: `${issuer}文件`,
    issuer,
    recipients: '各乡镇人民政府、县经济技术开发区，各相关单位',
    cc: '县政府分管副县长',
    printer: issuer,
  };
}

/** The stored settings over the defaults (a partial or stale stored value keeps the defaults it lacks). */
export async function getNoticeSettings(db: Executor, countyName: string): Promise<NoticeSettings> {
  const defaults = defaultNoticeSettings(countyName);
  const stored = noticeSettingsSchema.partial().safeParse(await findSetting(db, NOTICE_SETTING_KEY));
  return stored.success ? { ...defaults, ...stored.data } : defaults;
}
