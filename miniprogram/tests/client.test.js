const { request, ApiError } = require('../api/client');
const auth = require('../api/auth');
const catalog = require('../api/catalog');
const applications = require('../api/applications');
const uploads = require('../api/uploads');
const { citizen } = require('./fixtures');

const BASE = 'http://127.0.0.1:8000';

describe('api client', () => {
  test('sends the bearer token when logged in, none when not', async () => {
    reply('GET', '/api/v1/me', citizen);

    await auth.me();
    storage.set('token', 'tok-123');
    await auth.me();

    const [anonymous, signedIn] = requestsTo('GET', '/api/v1/me');
    expect(anonymous.url).toBe(`${BASE}/api/v1/me`);
    expect(anonymous.header.Authorization).toBeUndefined();
    expect(signedIn.header.Authorization).toBe('Bearer tok-123');
  });

  test('maps an error body to {status, code, message, field} and shows a toast', async () => {
    reply('PUT', '/api/v1/me/identity', 422, {
      error: { code: 'invalid_id_number', message: '身份证号校验位不正确', field: 'id_number' },
    });

    const err = await auth.updateIdentity({ name: '张三', id_number: '330400199001011235', phone: '13800005678' })
      .catch((e) => e);

    expect(err).toBeInstanceOf(ApiError);
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({ status: 422, code: 'invalid_id_number', message: '身份证号校验位不正确', field: 'id_number' });
    expect(wx.showToast).toHaveBeenCalledWith({ title: '身份证号校验位不正确', icon: 'none' });
  });

  test('a silent caller gets the error without a toast', async () => {
    reply('GET', '/api/v1/home', 503, { error: { code: 'unavailable', message: '服务繁忙', field: null } });

    await expect(request({ path: '/api/v1/home', silent: true })).rejects.toMatchObject({ status: 503, field: null });
    expect(wx.showToast).not.toHaveBeenCalled();
  });

  test('a 401 clears the stored token', async () => {
    storage.set('token', 'expired');
    reply('GET', '/api/v1/me', 401, { error: { code: 'unauthorized', message: '登录已过期，请重新登录', field: null } });

    await expect(auth.me()).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
    expect(storage.has('token')).toBe(false);
    expect(auth.isLoggedIn()).toBe(false);
    expect(wx.showToast).toHaveBeenCalledWith({ title: '登录已过期，请重新登录', icon: 'none' });
  });

  test('other errors keep the token', async () => {
    storage.set('token', 'tok-123');
    reply('GET', '/api/v1/me', 500, { error: { code: 'internal', message: '系统错误', field: null } });

    await expect(auth.me()).rejects.toMatchObject({ status: 500 });
    expect(storage.get('token')).toBe('tok-123');
  });

  test('a network failure becomes an ApiError with status 0', async () => {
    wx.request.mockImplementationOnce((options) => options.fail({ errMsg: 'request:fail timeout' }));

    await expect(auth.me()).rejects.toMatchObject({ status: 0, code: 'network_error' });
    expect(wx.showToast).toHaveBeenCalledWith({ title: '网络连接失败，请稍后重试', icon: 'none' });
  });

  test('the guide is requested with URL-encoded JSON answers; empty filters are left out', async () => {
    reply('GET', '/api/v1/services/GA0101', { code: 'GA0101' });
    reply('GET', '/api/v1/services', { items: [], total: 0, page: 1, page_size: 20 });

    await catalog.guide('GA0101', { local_hukou: 'no' });
    await catalog.guide('GA0101');
    await catalog.searchServices({ q: '户口 迁移', department: '', channel: undefined, page: 2 });

    const [withAnswers, plain] = requestsTo('GET', '/api/v1/services/GA0101');
    expect(withAnswers.url).toBe(`${BASE}/api/v1/services/GA0101?answers=%7B%22local_hukou%22%3A%22no%22%7D`);
    expect(plain.url).toBe(`${BASE}/api/v1/services/GA0101`);
    expect(requestsTo('GET', '/api/v1/services')[0].url).toBe(`${BASE}/api/v1/services?q=%E6%88%B7%E5%8F%A3%20%E8%BF%81%E7%A7%BB&page=2`);
  });
});

describe('transfers and application calls', () => {
  test('request adds extra headers such as Idempotency-Key to the token and content type', async () => {
    storage.set('token', 'tok-1');
    reply('POST', '/api/v1/applications', 201, { acceptance_no: 'X' });

    await applications.submit({ service: 'GA0101' }, 'key-1');

    expect(requestsTo('POST', '/api/v1/applications')[0].header).toEqual({
      'Content-Type': 'application/json', Authorization: 'Bearer tok-1', 'Idempotency-Key': 'key-1',
    });
  });

  test('an upload parses the JSON string WeChat hands back; its errors are ApiErrors, a 401 clears the token', async () => {
    storage.set('token', 'tok-1');
    reply('POST', '/api/v1/uploads', 201, { id: 'up-1', name: 'a.pdf', content_type: 'application/pdf', size: 3, sha256: 'ab' });

    await expect(uploads.uploadFile('wxfile://tmp/a.pdf')).resolves.toMatchObject({ id: 'up-1', size: 3 });
    expect(requestsTo('POST', '/api/v1/uploads')[0]).toMatchObject({
      url: `${BASE}/api/v1/uploads`, data: { filePath: 'wxfile://tmp/a.pdf', name: 'file' }, header: { Authorization: 'Bearer tok-1' },
    });

    reply('POST', '/api/v1/uploads', 422, { error: { code: 'unsupported_file', message: '仅支持 PDF、JPG、PNG 文件', field: 'file' } });
    await expect(uploads.uploadFile('wxfile://tmp/a.txt')).rejects.toMatchObject({ status: 422, field: 'file' });
    expect(wx.showToast).toHaveBeenLastCalledWith({ title: '仅支持 PDF、JPG、PNG 文件', icon: 'none' });

    reply('POST', '/api/v1/uploads', 401, { error: { code: 'unauthorized', message: '登录已过期，请重新登录', field: null } });
    await expect(uploads.uploadFile('wxfile://tmp/a.pdf')).rejects.toMatchObject({ status: 401 });
    expect(storage.has('token')).toBe(false);
  });

  test('a download resolves its temp file path; a failed one rejects', async () => {
    storage.set('token', 'tok-1');
    reply('GET', '/api/v1/applications/N-1/qr', 'wxfile://tmp/qr.png');

    await expect(applications.qrImage('N-1')).resolves.toBe('wxfile://tmp/qr.png');
    const [download] = requestsTo('GET', '/api/v1/applications/N-1/qr');
    expect(download.url).toBe(`${BASE}/api/v1/applications/N-1/qr?format=png`);
    expect(download.header).toEqual({ Authorization: 'Bearer tok-1' });

    reply('GET', '/api/v1/applications/N-1/qr', 404, null);
    await expect(applications.qrImage('N-1')).rejects.toMatchObject({ status: 404 });
    expect(wx.showToast).not.toHaveBeenCalled(); // the QR code is optional: silent by default
  });

  test('my cases are paged; the preview carries the answers as JSON', async () => {
    reply('GET', '/api/v1/applications', { items: [], total: 0, page: 2, page_size: 20 });
    reply('GET', '/api/v1/applications/preview', {});

    await applications.mine(2);
    await applications.preview({ service: 'GA0101' }, { local_hukou: 'no' });

    expect(requestsTo('GET', '/api/v1/applications')[0].url).toBe(`${BASE}/api/v1/applications?page=2&page_size=20`);
    expect(requestsTo('GET', '/api/v1/applications/preview')[0].url)
      .toBe(`${BASE}/api/v1/applications/preview?service=GA0101&answers=%7B%22local_hukou%22%3A%22no%22%7D`);
  });

  test('idempotency keys are 1–64 characters and differ per call', () => {
    const keys = new Set(Array.from({ length: 50 }, () => applications.newIdempotencyKey()));
    expect(keys.size).toBe(50);
    keys.forEach((key) => expect(key).toMatch(/^[\w-]{1,64}$/));
  });
});

describe('sandbox login', () => {
  beforeEach(() => {
    reply('POST', '/sandbox/wechat/codes', ({ data }) => ({
      status: 200, body: { code: `code-for-${data.openid || 'new'}`, openid: data.openid || 'o-sandbox-1' },
    }));
    reply('POST', '/api/v1/auth/wechat', ({ data }) => ({
      status: 200, body: { token: `token-${data.code}`, expires_at: '2030-01-01T00:00:00Z', user: citizen },
    }));
  });

  test('mints a code for a new openid, stores the openid and the token', async () => {
    const user = await auth.login();

    expect(user).toEqual(citizen);
    expect(requestsTo('POST', '/sandbox/wechat/codes')[0].data).toEqual({});
    expect(requestsTo('POST', '/api/v1/auth/wechat')[0].data).toEqual({ code: 'code-for-new' });
    expect(storage.get('sandbox_openid')).toBe('o-sandbox-1');
    expect(storage.get('token')).toBe('token-code-for-new');
    expect(wx.login).not.toHaveBeenCalled();
  });

  test('the same phone logs in again as the same openid', async () => {
    storage.set('sandbox_openid', 'o-sandbox-1');

    await auth.login();

    expect(requestsTo('POST', '/sandbox/wechat/codes')[0].data).toEqual({ openid: 'o-sandbox-1' });
    expect(storage.get('token')).toBe('token-code-for-o-sandbox-1');
  });
});

describe('login outside the sandbox', () => {
  const config = require('../config');
  beforeEach(() => { config.sandbox = false; });
  afterEach(() => { config.sandbox = true; });

  test('uses the wx.login code', async () => {
    reply('POST', '/api/v1/auth/wechat', { token: 't', expires_at: '2030-01-01T00:00:00Z', user: citizen });

    await auth.login();

    expect(wx.login).toHaveBeenCalledTimes(1);
    expect(requestsTo('POST', '/sandbox/wechat/codes')).toHaveLength(0);
    expect(requestsTo('POST', '/api/v1/auth/wechat')[0].data).toEqual({ code: 'real-wx-code' });
  });
});
