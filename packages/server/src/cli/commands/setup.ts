// `shenggui init`: the county's organisation from the reference divisions, with --demo the demo data.
import { DEMO_COUNTY } from '../../main.js';
import { initCounty } from '../../modules/setup/setup.service.js';
import type { Commands } from '../command.js';

export const setupCommands: Commands = {
  init: async ({ db, ctx, values, out }) => {
    const county = typeof values.county === 'string' ? values.county : DEMO_COUNTY;
    const result = await initCounty(db, ctx, {
      countyCode: county,
      demo: values.demo === true,
      onProgress: values.json ? undefined : (m) => console.error(m),
    });
    out(
      result,
      () =>
        `已初始化 ${result.county}：${result.units} 个单位，${result.enterprises} 户企业，${result.users} 个账号`,
    );
    return 0;
  },
};
