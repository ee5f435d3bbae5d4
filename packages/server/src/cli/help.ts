// The command line's usage text (`shenggui --help`, and after an unknown command).
import { LIBRARIES, ROLES } from '@shenggui/domain';

export const HELP = `升规通命令行 shenggui

用法：
  shenggui serve [--port 3000] [--host 0.0.0.0] [--data DIR] [--demo]
      启动服务。--demo：数据库为空时初始化盂县组织机构并加入演示数据。
  shenggui init --county 140322 [--demo] [--data DIR] [--json]
      按参考区划初始化县级组织机构（乡镇、开发区、部门、中心、数据部门）；--demo 加入合成企业、目标与演示账号。
  shenggui enterprises list [--json] [--q 关键词] [--data DIR]
      列出企业。
  shenggui user create --username NAME --unit UNIT_CODE --role ROLE [--display-name 姓名] [--data DIR]
      创建用户，密码从标准输入读取（首次登录须修改）。ROLE: ${ROLES.join(' | ')}
  shenggui import <enterprises|revenue|directory|targets> FILE [--source tax|statistics|self|electricity] [--year YYYY]
                 [--unit yuan|wan] [--skip-invalid] [--dry-run] [--json]
      导入表格（.xlsx / .xls / .csv）。有错误行时默认全部不导入（退出码2）；--skip-invalid 只导入正确行。
      金额表未注明单位时须用 --unit 指定元（yuan/元）或万元（wan/万元），否则不导入（退出码2）。
      --dry-run --json 逐行列出将写入的企业、期间、来源与数值（更正为原值→新值）。
  shenggui report progress --year YYYY [--as-of YYYY-MM-DD] [--json]
      净增进度：全县及按乡镇、按行业主管的入库、退库、净增、目标、尚差与排名。
  shenggui report libraries --year YYYY [--as-of YYYY-MM-DD] [--json]
      列出当年基础库、培育库、临规、临退规企业及入库原因、升规路径与梯队。
  shenggui report service --year YYYY [--as-of YYYY-MM-DD] [--json]
      服务工作：各单位走访次数、走访企业、诉求在办/办结/逾期与办结用时中位数、各库覆盖率，以及逾期诉求清单。
  shenggui notice progress --year YYYY [--as-of YYYY-MM-DD] --out FILE.docx|FILE.pdf [--json]
      按年度顺序编号印发进度通报并写入文件（.pdf 需安装 LibreOffice）。
  shenggui export <enterprises|directory|libraries|declarations|progress|targets> --out FILE.xlsx [--year YYYY]
                 [--library ${LIBRARIES.join('|')}] [--as-of YYYY-MM-DD] [--json]
      导出列表为 Excel（与网页导出相同的列）：企业、入库退库记录、各库名单（默认培育库）、入库申报、净增进度排名、目标分解。
  shenggui settings get [KEY] [--year YYYY] [--json]
      列出全部业务设置（不带 KEY），或查看一项；按年度的设置默认为当年。
  shenggui settings set KEY VALUE [--year YYYY]
      修改一项业务设置并留痕（金额以万元为单位；申报日历、行业主管规则为 JSON）。
      例：settings set notice.nextNumber 7 --year 2024；settings set scale.threshold 2000
  shenggui audit verify [--checkpoint FILE] [--json]
      校验审计记录的 HMAC 链，并与签名的审计检查点（默认为密钥旁的 audit.checkpoint，或审计管理员下载的文件）比对：
      报告被篡改的记录，以及最早、中间、最新处被删除的记录（退出码4），或 OK 与记录数。
  shenggui audit purge --before YYYY-MM-DD
      清理该日期之前的审计记录（至少保留180天，更近的拒绝），并写入新的检查点。PostgreSQL 上以 DATABASE_OWNER_URL 执行。
  shenggui user reset-password --username NAME [--data DIR]
      重置用户密码（含审计管理员；服务器命令行不需第二人确认），新密码从标准输入读取，下次登录须修改。
  shenggui backup --out FILE [--data DIR]
      在线备份：嵌入式数据库在服务运行时也可备份（经数据目录中的本地套接字向服务取一致快照）；PostgreSQL 调用 pg_dump。
      审计密钥不在备份中，请另行保管。
  shenggui restore FILE --data DIR
      把备份恢复到一个新的空目录（PostgreSQL：pg_restore 到 DATABASE_URL），然后校验审计链。

数据库：设置 DATABASE_URL 使用 PostgreSQL；否则使用嵌入式数据库目录（--data，默认 ./data）。`;
