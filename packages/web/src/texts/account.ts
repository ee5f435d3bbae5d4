// Texts of My account: password, TOTP, profile, restricted sessions (features/account).
// Chinese is the source; English is typed against it. Registered in app/dictionary.ts.
import type { EnglishOf } from './kit';

export const zh = {
  'password.title': '修改密码',
  'password.current': '当前密码',
  'password.new': '新密码',
  'password.confirm': '确认新密码',
  'password.currentRequired': '请输入当前密码',
  'password.newRequired': '请输入新密码',
  'password.confirmRequired': '请再次输入新密码',
  'password.mismatch': '两次输入的新密码不一致',
  'password.policyTitle': '密码要求',
  'password.submit': '修改密码',
  'password.changed': '密码已修改，其他设备上的登录已全部退出',

  'restricted.passwordTitle': '修改密码',
  'restricted.totpTitle': '绑定动态口令',
  'restricted.who': '当前账号：{name}（{username}），{unit}',
  'restricted.passwordWhy': '首次登录、密码被安全管理员重置或密码已过期时，须先设置新密码，才能使用系统。',
  'restricted.totpWhy':
    '本系统已按等级保护三级要求配置：系统管理员、安全管理员、审计管理员须绑定动态口令（双因素认证）后才能使用系统。',
  'restricted.passwordSubmit': '修改密码并进入系统',

  'totp.step1': '生成密钥',
  'totp.step2': '添加到验证器',
  'totp.step3': '输入口令确认',
  'totp.appHint':
    '请在手机上准备一个身份验证器：微信小程序“腾讯身份验证器”、Google Authenticator、Microsoft Authenticator 等均可。',
  'totp.generate': '生成密钥',
  'totp.regenerate': '重新生成',
  'totp.secretLabel': '密钥（手动添加时输入，不区分空格）',
  'totp.uriLabel': '密钥链接（otpauth URI）',
  'totp.manualHint':
    '无法扫码时：在验证器中选择“手动输入密钥”，账户名填写本人用户名，密钥填写上方字符，类型选择“基于时间”。',
  'totp.keepSecret': '密钥等同于密码，请勿截图外传。绑定后登录时除密码外还须输入验证器上的6位动态口令。',
  'totp.code': '6位动态口令',
  'totp.codeFormat': '动态口令应为6位数字',
  'totp.confirm': '验证并启用',
  'totp.enabled': '双因素认证已启用',
  'totp.enrol': '绑定动态口令',
  'totp.statusOn': '已启用',
  'totp.statusOff': '未启用',
  'totp.required': '本账号必须启用',
  'totp.onHint': '登录时除密码外还须输入手机验证器上的动态口令。如手机丢失，请联系安全管理员。',
  'totp.offHint': '启用后，即使密码泄露，他人也无法登录您的账号。建议所有账号启用。',

  'profile.title': '个人中心',
  'profile.subtitle': '本人的账号信息、密码、双因素认证和登录会话',
  'profile.info': '账号信息',
  'profile.totp': '双因素认证',
  'profile.sessions': '登录会话',
  'profile.sessionsHint':
    '以下是您的账号当前有效的登录。如发现不认识的设备或地址，请立即修改密码并退出所有设备。',
  'profile.signedInAt': '登录时间',
  'profile.lastSeen': '最近活动',
  'profile.browser': '浏览器',
  'profile.current': '当前',
  'profile.revokeAll': '退出所有设备',
  'profile.revokeTitle': '退出所有设备？',
  'profile.revokeContent': '将结束您账号的全部 {count} 个登录会话（包括当前这一个），之后需要重新登录。',
  'profile.revokeOk': '全部退出',
  'profile.revoked': '已退出所有设备，请重新登录',
  // The password policy in words (lib/security.ts passwordPolicyHints).
  'password.rule.minLength': '至少{n}位',
  'password.rule.minClasses': '包含小写字母、大写字母、数字、特殊字符中的至少{n}类',
  'password.rule.noUsername': '不得包含用户名',
  'password.rule.maxAge': '每{n}天须更换一次',
} as const;

export const en: EnglishOf<typeof zh> = {
  'password.title': 'Change password',
  'password.current': 'Current password',
  'password.new': 'New password',
  'password.confirm': 'Confirm new password',
  'password.currentRequired': 'Enter your current password',
  'password.newRequired': 'Enter a new password',
  'password.confirmRequired': 'Enter the new password again',
  'password.mismatch': 'The two new passwords differ',
  'password.policyTitle': 'Password rules',
  'password.submit': 'Change password',
  'password.changed': 'Password changed; your other sessions were signed out',

  'restricted.passwordTitle': 'Change password',
  'restricted.totpTitle': 'Set up a one-time code',
  'restricted.who': 'Account: {name} ({username}), {unit}',
  'restricted.passwordWhy':
    'At first sign-in, after a reset by the security administrator, or when the password expired, set a new password before using the system.',
  'restricted.totpWhy':
    'This system runs at MLPS level 3: system, security and audit administrators must set up a one-time code (two-factor authentication) first.',
  'restricted.passwordSubmit': 'Change password and continue',

  'totp.step1': 'Generate a key',
  'totp.step2': 'Add it to the app',
  'totp.step3': 'Confirm with a code',
  'totp.appHint':
    'You need an authenticator app on your phone: Tencent Authenticator (WeChat mini program), Google Authenticator, Microsoft Authenticator…',
  'totp.generate': 'Generate key',
  'totp.regenerate': 'Generate again',
  'totp.secretLabel': 'Key (for manual entry; spaces do not matter)',
  'totp.uriLabel': 'Key link (otpauth URI)',
  'totp.manualHint':
    'Cannot scan? Choose “enter a setup key” in the app, use your username as the account and the key above, time-based.',
  'totp.keepSecret':
    'The key is as secret as a password: do not share screenshots. After setup, sign-in asks for the 6-digit code too.',
  'totp.code': '6-digit code',
  'totp.codeFormat': 'The code is 6 digits',
  'totp.confirm': 'Verify and enable',
  'totp.enabled': 'Two-factor authentication enabled',
  'totp.enrol': 'Set up one-time code',
  'totp.statusOn': 'Enabled',
  'totp.statusOff': 'Not enabled',
  'totp.required': 'Required for this account',
  'totp.onHint':
    'Sign-in asks for the code from your phone. Lost the phone? Ask your security administrator.',
  'totp.offHint': 'With it, a leaked password alone cannot open your account. Recommended for everyone.',

  'profile.title': 'My account',
  'profile.subtitle': 'Your account, password, second factor and sessions',
  'profile.info': 'Account',
  'profile.totp': 'Two-factor authentication',
  'profile.sessions': 'Sessions',
  'profile.sessionsHint':
    'Where your account is signed in now. If you see a device or address you do not know, change your password and sign out everywhere.',
  'profile.signedInAt': 'Signed in',
  'profile.lastSeen': 'Last active',
  'profile.browser': 'Browser',
  'profile.current': 'This one',
  'profile.revokeAll': 'Sign out everywhere',
  'profile.revokeTitle': 'Sign out everywhere?',
  'profile.revokeContent': 'All {count} sessions of your account end, this one too; you will sign in again.',
  'profile.revokeOk': 'Sign out all',
  'profile.revoked': 'Signed out everywhere. Please sign in again',
  'password.rule.minLength': 'At least {n} characters',
  'password.rule.minClasses': 'At least {n} of: lower case, upper case, digits, symbols',
  'password.rule.noUsername': 'Must not contain the username',
  'password.rule.maxAge': 'Expires after {n} days',
};
