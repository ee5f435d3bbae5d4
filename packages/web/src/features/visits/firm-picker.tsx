// A firm chosen by typing its name or credit code (GET /enterprises, the caller's scope).
import type { EnterpriseList } from '@shenggui/domain';
import { Select, Spin } from 'antd';
import { useRef, useState } from 'react';
import { apiRequest } from '../../api/client';
import { useI18n } from '../../app/i18n';

type FirmRow = EnterpriseList['items'][number];

export function FirmPicker({
  value,
  onChange,
  initial,
  testId,
}: {
  value?: number;
  onChange?: (v: number | undefined) => void;
  /** The firm already chosen (from the URL), shown before any search. */
  initial?: { id: number; name: string } | null;
  testId: string;
}) {
  const { t } = useI18n();
  const [options, setOptions] = useState<FirmRow[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const abort = useRef<AbortController | null>(null);
  const search = (q: string) => {
    if (timer.current) clearTimeout(timer.current);
    if (q.trim().length < 1) return;
    timer.current = setTimeout(async () => {
      abort.current?.abort();
      const ctl = new AbortController();
      abort.current = ctl;
      setLoading(true);
      try {
        const r = await apiRequest<EnterpriseList>('/enterprises', {
          query: { q: q.trim(), page: 1, pageSize: 20 },
          signal: ctl.signal,
        });
        setOptions(r.items);
      } catch {
        // a newer search replaced this one, or the network failed: keep the old options
      } finally {
        setLoading(false);
      }
    }, 250);
  };
  const shown = options.map((o) => ({
    value: o.id,
    label: (
      <span>
        {o.name}{' '}
        <span style={{ color: '#8c8c8c', fontSize: 12 }}>
          {o.townshipName} · {o.creditCode}
        </span>
      </span>
    ),
  }));
  if (initial && !options.some((o) => o.id === initial.id))
    shown.unshift({ value: initial.id, label: <span>{initial.name}</span> });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: search }}
      value={value}
      placeholder={t('visit.form.firmPlaceholder')}
      notFoundContent={loading ? <Spin size="small" /> : null}
      onChange={(v: number | undefined) => onChange?.(v)}
      allowClear
      options={shown}
      data-testid={testId}
    />
  );
}
