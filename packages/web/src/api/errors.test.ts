import { describe, expect, it } from 'vitest';
import { ApiError, errorText, toApiError } from './errors';

describe('toApiError', () => {
  it('reads the envelope', () => {
    const err = toApiError(400, {
      error: {
        code: 'VALIDATION',
        message: '请求参数有误',
        details: [{ path: 'creditCode', message: '应为18位' }],
      },
      requestId: 'req-7',
    });
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(400);
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toBe('请求参数有误');
    expect(err.details).toEqual([{ path: 'creditCode', message: '应为18位' }]);
    expect(err.requestId).toBe('req-7');
  });

  it('joins array paths and skips malformed details', () => {
    const err = toApiError(400, {
      error: {
        code: 'VALIDATION',
        message: 'x',
        details: [{ path: ['contacts', 0], message: 'bad' }, 'junk'],
      },
    });
    expect(err.details).toEqual([{ path: 'contacts.0', message: 'bad' }]);
  });

  it('falls back to the status when the body is not the envelope', () => {
    const err = toApiError(404, '<html>Not Found</html>');
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toBe('要找的记录不存在，或不在您的数据范围内');
    expect(toApiError(502, null).code).toBe('INTERNAL');
    expect(toApiError(0, null).code).toBe('NETWORK');
  });
});

describe('errorText', () => {
  it('adds the request id to server faults only', () => {
    expect(
      errorText(toApiError(500, { error: { code: 'INTERNAL', message: '服务器出错' }, requestId: 'r1' })),
    ).toBe('服务器出错（请求编号 r1）');
    expect(
      errorText(toApiError(403, { error: { code: 'FORBIDDEN', message: '没有权限' }, requestId: 'r2' })),
    ).toBe('没有权限');
  });
});
