// @vitest-environment happy-dom
// The light tag others reuse: the colour in data-light, 红灯 with 逾期N天, the running deadline under it, and
// nothing but a dash for a finished request.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { I18nProvider } from '../../app/i18n';
import { RequestLightTag } from './request-light-tag';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let host: HTMLDivElement;
let root: Root;
beforeEach(() => {
  host = document.createElement('div');
  document.body.appendChild(host);
  root = createRoot(host);
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

function render(props: Parameters<typeof RequestLightTag>[0]) {
  act(() =>
    root.render(
      <I18nProvider>
        <RequestLightTag {...props} />
      </I18nProvider>,
    ),
  );
}

describe('RequestLightTag', () => {
  it('shows a red light with the days overdue and the deadline', () => {
    render({ light: 'red', dueOn: '2026-11-17', daysOverdue: 3, runningKindLabel: '受理' });
    const tag = host.querySelector('[data-testid="request-light"]');
    expect(tag?.getAttribute('data-light')).toBe('red');
    expect(tag?.textContent).toBe('红灯 · 逾期3天');
    expect(host.textContent).toContain('受理期限 2026-11-17');
  });

  it('shows yellow and green without days overdue', () => {
    render({ light: 'yellow', dueOn: '2026-11-23', daysOverdue: 0, runningKindLabel: '答复' });
    expect(host.querySelector('[data-light="yellow"]')?.textContent).toBe('黄灯');
    render({ light: 'green', dueOn: '2026-12-04', daysOverdue: 0, runningKindLabel: '办结' });
    expect(host.querySelector('[data-light="green"]')?.textContent).toBe('绿灯');
  });

  it('a finished request has no light', () => {
    render({ light: null, dueOn: null, daysOverdue: 0, runningKindLabel: null });
    expect(host.querySelector('[data-testid="request-light"]')).toBeNull();
    expect(host.textContent).toBe('—');
  });
});
