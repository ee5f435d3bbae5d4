// GB/T 4754-2017 B/C/D tree as a cascader whose form value is one code (the deepest level picked).
import { type IndustryOption, industryOptions, industryPath } from '@shenggui/domain';
import { Cascader } from 'antd';
import { useMemo } from 'react';

let cachedOptions: IndustryOption[] | null = null;
function options(): IndustryOption[] {
  cachedOptions ??= industryOptions();
  return cachedOptions;
}

interface IndustryCascaderProps {
  value?: string | null;
  onChange?: (code: string | undefined) => void;
  /** Filters pick any level (section, division, group, class); the firm form needs a 4-digit class. */
  anyLevel?: boolean;
  placeholder?: string;
  id?: string;
  status?: '' | 'error' | 'warning';
  'data-testid'?: string;
}

export function IndustryCascader({ value, onChange, anyLevel = false, ...rest }: IndustryCascaderProps) {
  const path = useMemo(() => (value ? industryPath(value) : []), [value]);
  return (
    <Cascader<IndustryOption>
      {...rest}
      options={options()}
      value={path.length > 0 ? path : undefined}
      changeOnSelect={anyLevel}
      allowClear
      showSearch={{
        filter: (input, opts) =>
          opts.some((o) => String(o.label).toLowerCase().includes(input.trim().toLowerCase())),
        limit: 80,
      }}
      displayRender={(labels) => labels[labels.length - 1]}
      onChange={(next) => {
        const codes = (next ?? []) as string[];
        onChange?.(codes.length > 0 ? codes[codes.length - 1] : undefined);
      }}
      style={{ width: '100%' }}
    />
  );
}
