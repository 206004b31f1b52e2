const { loadPage } = require('./helpers/page');
const { citizen, verifiedCitizen } = require('./fixtures');

describe('me page', () => {
  let page;
  beforeEach(() => {
    page = loadPage('me');
  });

  test('signed out: shows the 登录 button; login goes through the sandbox code and shows the identity form', async () => {
    reply('POST', '/sandbox/wechat/codes', { code: 'c-1', openid: 'o-1' });
    reply('POST', '/api/v1/auth/wechat', { token: 'tok-1', expires_at: '2030-01-01T00:00:00Z', user: citizen });

    await page.instance.onShow();
    expect(page.querySelector('#login')).toBeTruthy();
    expect(page.querySelector('#identity-form')).toBeFalsy();

    page.querySelector('#login').instance.triggerEvent('click');
    await settle();

    expect(requestsTo('POST', '/api/v1/auth/wechat')[0].data).toEqual({ code: 'c-1' });
    expect(storage.get('token')).toBe('tok-1');
    expect(page.querySelector('#login')).toBeFalsy();
    expect(page.querySelector('#identity-form')).toBeTruthy();
  });

  test('signed in and verified: shows the masked identity', async () => {
    storage.set('token', 'tok-1');
    reply('GET', '/api/v1/me', verifiedCitizen);

    await page.instance.onShow();

    const text = page.querySelector('#identity').dom.textContent;
    expect(text).toContain('张*三');
    expect(text).toContain('3304**********1234');
    expect(text).toContain('138****5678');
    expect(text).toContain('群众');

    page.querySelector('#open-payables').instance.triggerEvent('click');
    expect(wx.navigateTo).toHaveBeenCalledWith({ url: '/pages/payables/payables' });
    page.querySelector('#open-payments').instance.triggerEvent('click');
    expect(wx.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/payments/payments' });
    page.querySelector('#open-appointments').instance.triggerEvent('click');
    expect(wx.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/appointments/appointments' });
    page.querySelector('#open-addresses').instance.triggerEvent('click');
    expect(wx.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/addresses/addresses' });
  });

  test('not yet bound: the 实名认证 entry opens the bind page, which comes back here', async () => {
    storage.set('token', 'tok-1');
    reply('GET', '/api/v1/me', citizen);
    await page.instance.onShow();
    expect(page.querySelector('#identity')).toBeFalsy();

    page.querySelector('#go-bind').instance.triggerEvent('click');
    expect(wx.navigateTo).toHaveBeenCalledWith({ url: '/pages/identity/identity?level=2' });

    reply('GET', '/api/v1/me', verifiedCitizen); // back from the bind page: shown again
    await page.instance.onShow();
    expect(page.querySelector('#identity-form')).toBeFalsy();
    expect(page.querySelector('#identity').dom.textContent).toContain('3304**********1234');
  });

  test('an expired session shows the 登录 button again; 退出登录 forgets the token', async () => {
    storage.set('token', 'old');
    reply('GET', '/api/v1/me', 401, { error: { code: 'unauthorized', message: '登录已过期，请重新登录', field: null } });
    await page.instance.onShow();
    expect(storage.has('token')).toBe(false);
    expect(page.querySelector('#login')).toBeTruthy();

    storage.set('token', 'tok-1');
    reply('GET', '/api/v1/me', verifiedCitizen);
    await page.instance.onShow();
    page.querySelector('#logout').instance.triggerEvent('click');

    expect(storage.has('token')).toBe(false);
    expect(page.querySelector('#login')).toBeTruthy();
    expect(page.querySelector('#identity')).toBeFalsy();
  });
});
