import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect, useState } from 'react';
import { RouterProvider } from 'react-router';
import { setUnauthorizedHandler } from '../api/client';
import { bindErrorReporter } from '../api/error-reporter';
import { createQueryClient } from '../api/query-client';
import { queryKeys } from '../api/query-keys';
import { I18nProvider, useI18n } from './i18n';
import { router } from './router';

// Sober government-admin look: one deep blue, small radii, system fonts that carry CJK well.
const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1d4ed8',
    colorInfo: '#1d4ed8',
    borderRadius: 4,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 16px', siderBg: '#0b1f3a' },
    Menu: { darkItemBg: '#0b1f3a', darkSubMenuItemBg: '#08182e', darkItemSelectedBg: '#1d4ed8' },
  },
};

/** Binds the one error reporter to antd's message API (inside <App>, so it follows theme and locale). */
function ErrorReporterBinding() {
  const { message } = AntApp.useApp();
  useEffect(() => {
    bindErrorReporter((text) => {
      message.error({ content: text, key: text, duration: 5 });
    });
    return () => bindErrorReporter(null);
  }, [message]);
  return null;
}

function Shell({ queryClient }: { queryClient: QueryClient }) {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={theme}>
      <AntApp>
        <ErrorReporterBinding />
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  useEffect(() => {
    // An expired session anywhere: forget the user; RequireAuth then sends them to /login?next=….
    setUnauthorizedHandler(() => queryClient.setQueryData(queryKeys.me, null));
    return () => setUnauthorizedHandler(null);
  }, [queryClient]);
  return (
    <I18nProvider>
      <Shell queryClient={queryClient} />
    </I18nProvider>
  );
}
