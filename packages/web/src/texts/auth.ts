// Texts of Sign-in and first-run set-up (features/auth).
// Chinese is the source; English is typed against it. Registered in app/dictionary.ts.
import type { EnglishOf } from './kit';

export const zh = {
  'login.title': '账号登录',
  'login.username': '用户名',
  'login.password': '密码',
  'login.usernameRequired': '请输入用户名',
  'login.passwordRequired': '请输入密码',
  'login.submit': '登录',
  'login.role': '角色',
  'login.unit': '单位',
  'login.fill': '填入',
  'login.demoAccounts': '演示账号',
  'login.demoHint': '点击任一行即可填入用户名和密码，不同账号可体验不同单位和角色的权限。',

  'login.lockedTitle': '账号已锁定',
  'login.lockedHint': '锁定期满后可再次登录；如需立即解锁，请联系本单位的安全管理员。',
  'login.rateLimitedTitle': '登录尝试过于频繁',
  'login.rateLimitedHint': '为防止密码被猜测，系统限制了每分钟的登录次数，请稍候一分钟再试。',
  'login.totp': '动态口令',
  'login.totpHint': '打开手机上的身份验证器（如微信小程序“腾讯身份验证器”），输入“升规通”当前显示的6位数字',
  'login.totpNeeded': '该账号已启用双因素认证，请输入动态口令后再次登录',
  'login.totpRequired': '请输入6位动态口令',

  'setup.title': '首次运行：创建安全管理员',
  'setup.intro':
    '本系统尚无任何账号。请创建第一个安全管理员账号；之后由安全管理员在“系统管理 · 用户管理”中为各单位创建账号、分配角色。',
  'setup.submit': '创建并前往登录',
  'setup.done': '安全管理员已创建，请登录',
  'setup.alreadyTitle': '系统已完成初始化',
  'setup.already': '系统已有账号，首次运行页面已关闭。如忘记密码，请联系安全管理员重置。',
  'setup.toLogin': '前往登录',
} as const;

export const en: EnglishOf<typeof zh> = {
  'login.title': 'Sign in',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.usernameRequired': 'Enter your username',
  'login.passwordRequired': 'Enter your password',
  'login.submit': 'Sign in',
  'login.role': 'Role',
  'login.unit': 'Unit',
  'login.fill': 'Fill in',
  'login.demoAccounts': 'Demo accounts',
  'login.demoHint': 'Click a row to fill in its username and password; each account shows a unit and role.',

  'login.lockedTitle': 'Account locked',
  'login.lockedHint':
    'You can sign in again when the lock expires, or ask your security administrator to unlock it.',
  'login.rateLimitedTitle': 'Too many sign-in attempts',
  'login.rateLimitedHint':
    'Sign-ins per minute are limited to stop password guessing. Wait a minute and try again.',
  'login.totp': 'One-time code',
  'login.totpHint': 'Open your authenticator app and enter the 6 digits it shows for Shenggui',
  'login.totpNeeded':
    'This account uses two-factor authentication: enter the one-time code and sign in again',
  'login.totpRequired': 'Enter the 6-digit code',

  'setup.title': 'First run: create the security administrator',
  'setup.intro':
    'There is no account yet. Create the first security administrator; they then create the accounts of every unit under Administration · Users.',
  'setup.submit': 'Create and go to sign-in',
  'setup.done': 'Security administrator created. Please sign in',
  'setup.alreadyTitle': 'Already set up',
  'setup.already':
    'Accounts exist, so first-run setup is closed. Forgot a password? Ask the security administrator.',
  'setup.toLogin': 'Go to sign-in',
};
